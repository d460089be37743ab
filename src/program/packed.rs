//! A frame packed into a few hundred bytes, for a batch that holds its checked cases before it
//! decides any (a YAML stream: nothing is decided if any case has a problem). A frame as read
//! takes about 6 KB (a 32-byte value a slot, most of them absent); packed, only the slots that
//! hold something are kept, as postcard's variable-length integers. Unpacking gives back the
//! same frame.

use super::frame::{Frame, Member, Status, Unknown};
use super::ir::Value;
use super::texts::Texts;
use serde::{Deserialize, Serialize};

/// A packed [`Frame`].
#[derive(Debug, Clone)]
pub struct Packed(Box<[u8]>);

/// Slots as (slot, value) for those that are not absent, and how many there are.
#[derive(Serialize, Deserialize)]
struct Slots {
    len: u32,
    set: Vec<(u32, Value)>,
}

impl Slots {
    fn pack(vals: &[Value]) -> Self {
        let set = vals.iter().enumerate().filter(|(_, v)| **v != Value::Null).map(|(i, v)| (i as u32, *v));
        Slots { len: vals.len() as u32, set: set.collect() }
    }

    fn unpack(&self) -> Option<Vec<Value>> {
        let mut vals = vec![Value::Null; self.len as usize];
        for (i, v) in &self.set {
            *vals.get_mut(*i as usize)? = *v;
        }
        Some(vals)
    }
}

/// Statuses: as read, every one is `Unseen`, and only how many there are is kept.
#[derive(Serialize, Deserialize)]
enum Statuses {
    Unseen(u32),
    Each(Vec<Status>),
}

impl Statuses {
    fn pack(s: &[Status]) -> Self {
        match s.iter().all(|x| *x == Status::Unseen) {
            true => Statuses::Unseen(s.len() as u32),
            false => Statuses::Each(s.to_vec()),
        }
    }

    fn unpack(self) -> Vec<Status> {
        match self {
            Statuses::Unseen(n) => vec![Status::Unseen; n as usize],
            Statuses::Each(v) => v,
        }
    }
}

#[derive(Serialize, Deserialize)]
struct PackedMember {
    vals: Slots,
    status: Statuses,
    given: u128,
}

#[derive(Serialize, Deserialize)]
struct Parts {
    globals: Slots,
    lists: Vec<Vec<PackedMember>>,
    texts: Texts,
    given: Vec<u32>,
    given_len: u32,
    status: Statuses,
    conflicts: Vec<(u32, Option<usize>)>,
    define_conflicts: Vec<u32>,
    unknown: Vec<Unknown>,
}

impl Frame {
    /// The frame packed.
    pub fn pack(&self) -> Packed {
        let member = |m: &Member| PackedMember {
            vals: Slots::pack(&m.vals),
            status: Statuses::pack(&m.status),
            given: m.given,
        };
        let parts = Parts {
            globals: Slots::pack(&self.globals),
            lists: self.lists.iter().map(|l| l.iter().map(member).collect()).collect(),
            texts: self.texts.clone(),
            given: (0..self.given.len() as u32).filter(|i| self.given[*i as usize]).collect(),
            given_len: self.given.len() as u32,
            status: Statuses::pack(&self.status),
            conflicts: self.conflicts.clone(),
            define_conflicts: self.define_conflicts.clone(),
            unknown: self.unknown.clone(),
        };
        // Writing into memory cannot fail.
        Packed(postcard::to_allocvec(&parts).unwrap_or_default().into_boxed_slice())
    }
}

impl Packed {
    /// The frame it was packed from; `None` only if the bytes were not made by [`Frame::pack`].
    pub fn unpack(&self) -> Option<Frame> {
        let p: Parts = postcard::from_bytes(&self.0).ok()?;
        let mut given = vec![false; p.given_len as usize];
        for s in p.given {
            *given.get_mut(s as usize)? = true;
        }
        let member = |m: PackedMember| {
            Some(Member { vals: m.vals.unpack()?, status: m.status.unpack(), given: m.given })
        };
        let lists = p.lists.into_iter().map(|l| l.into_iter().map(member).collect::<Option<Vec<_>>>());
        Some(Frame {
            globals: p.globals.unpack()?,
            lists: lists.collect::<Option<Vec<_>>>()?,
            texts: p.texts,
            given,
            status: p.status.unpack(),
            conflicts: p.conflicts,
            define_conflicts: p.define_conflicts,
            unknown: p.unknown,
        })
    }

    /// Its bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// A packed frame of these bytes (which [`Packed::unpack`] reads only if [`Frame::pack`] made
    /// them).
    pub fn from_bytes(bytes: &[u8]) -> Packed {
        Packed(bytes.into())
    }
}
