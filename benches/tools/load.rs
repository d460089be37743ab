//! A load generator for `zeren serve`, on loopback: N connections, each sending the same request
//! over and over on one kept-alive HTTP/1.1 connection for S seconds; prints requests a second,
//! the latencies' p50 and p99, and every answer that was not 200 (and any request sent but never
//! answered). Run by benches/serve.sh.
//!
//! `cargo run --release --example load -- ADDR PATH CONTENT-TYPE BODY-FILE CONNECTIONS SECONDS`

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

struct Tally {
    sent: u64,
    ok: u64,
    other: Vec<u16>,
    failed: u64,
    latencies: Vec<Duration>,
    bytes: u64,
}

/// Reads one answer: its status and how many body bytes it had.
fn answer(r: &mut BufReader<TcpStream>) -> std::io::Result<(u16, u64)> {
    let mut line = String::new();
    r.read_line(&mut line)?;
    let status: u16 =
        line.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or(std::io::ErrorKind::InvalidData)?;
    let (mut length, mut chunked) = (0u64, false);
    loop {
        line.clear();
        r.read_line(&mut line)?;
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        let lower = l.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
        if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
            chunked = true;
        }
    }
    if !chunked {
        std::io::copy(&mut r.by_ref().take(length), &mut std::io::sink())?;
        return Ok((status, length));
    }
    let mut total = 0;
    loop {
        line.clear();
        r.read_line(&mut line)?;
        let size = u64::from_str_radix(line.trim(), 16).map_err(|_| std::io::ErrorKind::InvalidData)?;
        std::io::copy(&mut r.by_ref().take(size + 2), &mut std::io::sink())?;
        total += size;
        if size == 0 {
            return Ok((status, total));
        }
    }
}

fn run(addr: &str, head: &[u8], body: &[u8], until: Instant) -> Tally {
    let mut t = Tally { sent: 0, ok: 0, other: vec![], failed: 0, latencies: vec![], bytes: 0 };
    let mut conn: Option<(TcpStream, BufReader<TcpStream>)> = None;
    while Instant::now() < until {
        if conn.is_none() {
            let s = TcpStream::connect(addr).expect("the server accepts");
            s.set_nodelay(true).ok();
            let r = BufReader::with_capacity(1 << 16, s.try_clone().expect("a second handle"));
            conn = Some((s, r));
        }
        let Some((s, r)) = conn.as_mut() else { continue };
        let start = Instant::now();
        t.sent += 1;
        let sent = s.write_all(head).and_then(|_| s.write_all(body));
        match sent.and_then(|_| answer(r)) {
            Ok((status, n)) => {
                t.latencies.push(start.elapsed());
                t.bytes += n;
                if status == 200 { t.ok += 1 } else { t.other.push(status) }
            }
            Err(_) => {
                t.failed += 1;
                conn = None;
            }
        }
    }
    t
}

fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let [addr, path, ctype, file, conns, secs] = &a[..] else {
        eprintln!("usage: load ADDR PATH CONTENT-TYPE BODY-FILE CONNECTIONS SECONDS");
        std::process::exit(2);
    };
    let body = std::fs::read(file).expect("the body file");
    let head = format!(
        "POST {path} HTTP/1.1\r\nhost: {addr}\r\ncontent-type: {ctype}\r\ncontent-length: {}\r\n\r\n",
        body.len()
    );
    let conns: usize = conns.parse().expect("a number of connections");
    let until = Instant::now() + Duration::from_secs_f64(secs.parse().expect("seconds"));
    let started = Instant::now();
    let tallies: Vec<Tally> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..conns).map(|_| s.spawn(|| run(addr, head.as_bytes(), &body, until))).collect();
        hs.into_iter().map(|h| h.join().expect("a client thread")).collect()
    });
    let took = started.elapsed().as_secs_f64();
    let mut lat: Vec<Duration> = tallies.iter().flat_map(|t| t.latencies.iter().copied()).collect();
    lat.sort();
    let q = |p: f64| {
        lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    let sent: u64 = tallies.iter().map(|t| t.sent).sum();
    let ok: u64 = tallies.iter().map(|t| t.ok).sum();
    let failed: u64 = tallies.iter().map(|t| t.failed).sum();
    let mut other: Vec<u16> = tallies.iter().flat_map(|t| t.other.iter().copied()).collect();
    other.sort();
    let bytes: u64 = tallies.iter().map(|t| t.bytes).sum();
    println!(
        "{path} {conns} conn {took:.1} s: sent {sent}, answered 200 {ok}, other {} {:?}, unanswered {failed}; {:.0} req/s; p50 {:.2} ms, p99 {:.2} ms; {:.1} MB answered",
        other.len(),
        &other[..other.len().min(5)],
        ok as f64 / took,
        q(0.50).as_secs_f64() * 1e3,
        q(0.99).as_secs_f64() * 1e3,
        bytes as f64 / 1e6,
    );
}
