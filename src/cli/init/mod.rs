//! `factlint init`: writes a starter factlint.toml, rule file and knowledge file that work as
//! written: `factlint check`, `factlint rules test factlint-rules/` and `factlint kb check`
//! all pass on them.

use super::args::InitArgs;
use super::{EXIT_CLEAN, EXIT_ERROR};
use std::io::Write;
use std::path::PathBuf;

/// The files `init` writes: (path relative to the folder, contents).
pub const FILES: &[(&str, &str)] = &[
    ("factlint.toml", include_str!("factlint.toml")),
    ("factlint-rules/house-style.toml", include_str!("house-style.toml")),
    ("factlint-knowledge.toml", include_str!("factlint-knowledge.toml")),
];

pub fn run(args: &InitArgs) -> anyhow::Result<u8> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let existing: Vec<String> =
        FILES.iter().map(|(p, _)| dir.join(p)).filter(|p| p.exists()).map(|p| p.display().to_string()).collect();
    if !existing.is_empty() && !args.force {
        writeln!(
            std::io::stderr(),
            "error: {} already exist{}; nothing written (use --force to overwrite)",
            existing.join(", "),
            if existing.len() == 1 { "s" } else { "" }
        )?;
        return Ok(EXIT_ERROR);
    }
    let mut out = std::io::stdout().lock();
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| anyhow::anyhow!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
        writeln!(out, "wrote {}", path.display())?;
    }
    writeln!(
        out,
        "\nnext:\n  factlint rules test factlint-rules/     # the rule's own examples\n  factlint kb check factlint-knowledge.toml\n  factlint check .                          # uses factlint.toml"
    )?;
    Ok(EXIT_CLEAN)
}
