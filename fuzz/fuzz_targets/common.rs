// Shared by the fuzz targets: diagnostics rendered the way the command line renders them.

/// Renders a diagnostic through miette's graphical handler as `zeren` prints it to stderr (made
/// safe by `zeren::diagnostic::Safe` first, as `cli::report` does), so a panic while rendering (a
/// label past a column bound, a span off a char boundary) is found too. Rendered raw, a line of
/// 40,000 wide characters beside a label makes miette panic: that is what `Safe` is for.
#[allow(dead_code)] // the scenario target's diagnostics are reports already
pub fn render<D: miette::Diagnostic + Send + Sync + 'static>(d: D) -> String {
    format!("{:?}", miette::Report::new(zeren::diagnostic::Safe::new(&d)))
}

/// The command line's miette hook (no colour), installed once per process.
pub fn hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = miette::set_hook(Box::new(|_| {
            Box::new(
                miette::MietteHandlerOpts::new().color(false).unicode(true).terminal_links(false).build(),
            )
        }));
    });
}
