//! `factlint rules train`: reads labelled examples, trains a classifier model, reports how it
//! does on the examples held out, and writes the model file.

use super::args::RulesTrainArgs;
use super::{EXIT_CLEAN, EXIT_ERROR};
use anyhow::{anyhow, bail, Context};
use factlint::classify::{self, Example, TrainOptions};
use factlint::markup::{self, Format};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A label as written: 1/0, true/false, yes/no, spam/ham, positive/negative.
fn parse_label(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "spam" | "positive" | "pos" => Some(true),
        "0" | "false" | "no" | "ham" | "negative" | "neg" => Some(false),
        _ => None,
    }
}

fn read_csv(path: &Path, text_column: &str, label_column: &str, out: &mut Vec<Example>) -> anyhow::Result<()> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let headers = reader.headers().with_context(|| format!("{}: the header row", path.display()))?.clone();
    let find = |name: &str| {
        // A byte order mark may open the file.
        headers.iter().position(|h| h.trim_start_matches('\u{feff}').trim() == name).ok_or_else(|| {
            anyhow!(
                "{}: no column {name:?} in the header row ({}); name the column with --text-column or --label-column",
                path.display(),
                headers.iter().collect::<Vec<_>>().join(", ")
            )
        })
    };
    let (t, l) = (find(text_column)?, find(label_column)?);
    for (i, row) in reader.records().enumerate() {
        let row = row.with_context(|| format!("{}: row {}", path.display(), i + 2))?;
        let label = row.get(l).unwrap_or("");
        let positive = parse_label(label).ok_or_else(|| {
            anyhow!("{}: row {}: label {label:?} is not 1/0, true/false, yes/no or spam/ham", path.display(), i + 2)
        })?;
        out.push(Example { text: row.get(t).unwrap_or("").to_string(), positive });
    }
    Ok(())
}

fn read_jsonl(path: &Path, out: &mut Vec<Example>) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{}: line {}", path.display(), i + 1))?;
        let text = v.get("text").and_then(|t| t.as_str()).ok_or_else(|| {
            anyhow!("{}: line {}: an example is {{\"text\": \"...\", \"label\": 1}}", path.display(), i + 1)
        })?;
        let positive = match v.get("label") {
            Some(serde_json::Value::Bool(b)) => Some(*b),
            Some(serde_json::Value::Number(n)) => n.as_i64().and_then(|n| parse_label(&n.to_string())),
            Some(serde_json::Value::String(s)) => parse_label(s),
            _ => None,
        }
        .ok_or_else(|| anyhow!("{}: line {}: label is 1/0, true/false or spam/ham", path.display(), i + 1))?;
        out.push(Example { text: text.to_string(), positive });
    }
    Ok(())
}

/// The files under a path, in name order.
fn files_under(path: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    if !path.is_dir() {
        bail!("{}: no such file or folder", path.display());
    }
    let mut out = Vec::new();
    for entry in ignore::WalkBuilder::new(path).sort_by_file_name(|a, b| a.cmp(b)).build() {
        let entry = entry?;
        let p = entry.path();
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        if entry.file_type().is_some_and(|t| t.is_file())
            && matches!(ext.as_str(), "txt" | "text" | "md" | "markdown" | "html" | "htm" | "xml")
        {
            out.push(p.to_path_buf());
        }
    }
    Ok(out)
}

/// Every non-empty line of a file's prose, as examples of one label.
fn read_lines(path: &Path, positive: bool, out: &mut Vec<Example>) -> anyhow::Result<()> {
    for f in files_under(path)? {
        let text = std::fs::read_to_string(&f).with_context(|| format!("cannot read {}", f.display()))?;
        let format = match f.extension().and_then(|e| e.to_str()) {
            Some("xml") => Format::Html,
            _ => Format::from_path(&f),
        };
        let prose = markup::parse(&text, format);
        for line in prose.text().lines() {
            let line = line.trim();
            if line.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
                out.push(Example { text: line.to_string(), positive });
            }
        }
    }
    Ok(())
}

fn name_of(p: &Path) -> String {
    p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned())
}

pub fn run(a: &RulesTrainArgs) -> anyhow::Result<u8> {
    let mut examples = Vec::new();
    let mut sources = Vec::new();
    if a.inputs.is_empty() && a.positive.is_empty() && a.negative.is_empty() {
        bail!("no examples: name CSV or JSON Lines files, or --positive and --negative paths (see --help)");
    }
    if !(a.threshold > 0.0 && a.threshold < 1.0) {
        bail!("--threshold is a probability above 0 and below 1, not {}", a.threshold);
    }
    for p in &a.inputs {
        let before = examples.len();
        match p.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("jsonl") | Some("ndjson") => read_jsonl(p, &mut examples)?,
            Some("csv") => read_csv(p, &a.text_column, &a.label_column, &mut examples)?,
            _ => bail!(
                "{}: labelled examples are a .csv or .jsonl file; for plain text use --positive or --negative",
                p.display()
            ),
        }
        sources.push(format!("{} ({} examples)", name_of(p), examples.len() - before));
    }
    for (paths, positive) in [(&a.positive, true), (&a.negative, false)] {
        for p in paths {
            let before = examples.len();
            read_lines(p, positive, &mut examples)?;
            let label = if positive { "positive" } else { "negative" };
            sources.push(format!("{} ({} {label} lines)", name_of(p), examples.len() - before));
        }
    }
    let (held, train): (Vec<Example>, Vec<Example>) =
        examples.into_iter().partition(|e| classify::held_out(&e.text, a.holdout));
    if let Some(file) = &a.write_holdout {
        let mut out = String::new();
        for e in &held {
            let line = serde_json::json!({ "text": e.text, "label": u8::from(e.positive) });
            out.push_str(&line.to_string());
            out.push('\n');
        }
        std::fs::write(file, out).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", file.display()))?;
    }
    let pos = train.iter().filter(|e| e.positive).count();
    if pos == 0 || pos == train.len() {
        bail!("training needs examples of both labels: {pos} positive of {}", train.len());
    }
    if !(a.l2 >= 0.0 && a.l2 < 1.0) {
        bail!("--l2 is at least 0 and below 1, not {}", a.l2);
    }
    let options =
        TrainOptions { epochs: a.epochs.max(1), min_count: a.min_count.max(1), l2: a.l2, ..TrainOptions::default() };
    let mut model = classify::train(&train, &options);
    model.notes.push(format!("trained on {} examples, {pos} positive, from: {}", train.len(), sources.join(", ")));
    model.notes.push(format!(
        "held out: {} examples ({}%); options: epochs {}, min_count {}, l2 {}",
        held.len(),
        a.holdout,
        options.epochs,
        options.min_count,
        options.l2
    ));
    let text = model.to_text();
    std::fs::write(&a.out, &text).with_context(|| format!("cannot write {}", a.out.display()))?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "wrote {} ({} features; {} training examples, {pos} positive)",
        a.out.display(),
        model.weights.len(),
        train.len()
    )?;
    if held.is_empty() {
        writeln!(out, "no examples held out (--holdout 0): no figures to report")?;
        return Ok(EXIT_CLEAN);
    }
    let held_pos = held.iter().filter(|e| e.positive).count();
    writeln!(out, "held out: {} examples, {held_pos} positive", held.len())?;
    for t in [0.5, 0.7, 0.8, 0.9, 0.95, a.threshold] {
        let e = classify::evaluate(&model, &held, t);
        writeln!(
            out,
            "  threshold {t:.2}: precision {:.1}% ({} of {} flagged), recall {:.1}% ({} of {held_pos})",
            e.precision() * 100.0,
            e.true_pos,
            e.true_pos + e.false_pos,
            e.recall() * 100.0,
            e.true_pos
        )?;
    }
    if held_pos == 0 || held_pos == held.len() {
        // The model is written, but figures from one label say nothing.
        writeln!(
            std::io::stderr(),
            "error: the held-out examples are all {}: the figures above cannot judge the model; give more examples of both labels or a larger --holdout",
            if held_pos == 0 { "negative" } else { "positive" }
        )?;
        return Ok(EXIT_ERROR);
    }
    Ok(EXIT_CLEAN)
}
