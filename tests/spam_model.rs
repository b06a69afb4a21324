//! The trained gambling-spam model and the classifier kind: the committed model is what
//! training on its inputs writes; findings cover the spam paragraph, explain themselves and
//! leave ordinary comments and news alone; a user can train a model of their own.

mod common;

use common::{check, check_with, found};
use factlint::markup::Format;
use factlint::vocab::Lang;
use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The command that trained rules/spam/gambling-promotion.model (README, "Writing rules").
const TRAINING: &[&str] = &[
    "rules",
    "train",
    "../shared/dev/spam/judol-comments.dev.csv",
    "--text-column",
    "comment_text",
    "--positive",
    "../shared/dev/spam/seo-pages",
    "--negative",
    "../shared/dev/news-id",
    "--negative",
    "../shared/data/news/TR-News.xml",
    "--negative",
    "../shared/data/news/GeoVirus.xml",
    "--negative",
    "rules/spam/training/not-spam.txt",
    "--holdout",
    "20",
    "--threshold",
    "0.95",
];

#[test]
#[ignore = "needs ../shared (the spam comments, SEO pages and news): run by .ci/run"]
fn committed_model_is_what_training_writes() {
    let dir = common::scratch("model-retrain");
    let out = dir.join("gambling-promotion.model");
    let mut args: Vec<&str> = TRAINING.to_vec();
    let out_s = out.to_string_lossy().to_string();
    args.extend(["--out", &out_s]);
    let run = Command::new(env!("CARGO_BIN_EXE_factlint")).current_dir(root()).args(&args).output().expect("runs");
    let report = String::from_utf8_lossy(&run.stdout).to_string();
    assert!(run.status.success(), "training failed: {report}{}", String::from_utf8_lossy(&run.stderr));
    let trained = std::fs::read_to_string(&out).expect("the model was written");
    let committed = std::fs::read_to_string(root().join("rules/spam/gambling-promotion.model")).expect("committed");
    assert!(trained == committed, "rules/spam/gambling-promotion.model is not what training writes: retrain it");
    // The held-out figures at the rule's threshold: precision first.
    let line = report.lines().rev().find(|l| l.contains("threshold 0.95")).expect("held-out report");
    let pct = |after: &str| -> f64 {
        let rest = &line[line.find(after).expect("figure") + after.len()..];
        rest[..rest.find('%').expect("%")].trim().parse().expect("a number")
    };
    assert!(pct("precision") >= 99.0, "{line}");
    assert!(pct("recall") >= 85.0, "{line}");
}

#[test]
fn styled_spam_comment_is_flagged_alone() {
    let text = "Warga berkumpul di balai desa untuk membahas jalan baru.\n\nKomentar\n\nSemoga jalannya cepat selesai ya pak.\n\nGas terus bosku, main di 🔥𝗕𝗔𝗡𝗧𝗘𝗡𝗚𝟳𝟳🔥 auto jepe, wd cair terus!\n\nkomen judol semua di sini, lapor aja biar dihapus.\n\nMantap beritanya.";
    let diags = check(text, Some(Lang::ID), &["spam.gambling-promotion"]);
    let got = found(&diags);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1, "Gas terus bosku, main di 🔥𝗕𝗔𝗡𝗧𝗘𝗡𝗚𝟳𝟳🔥 auto jepe, wd cair terus!");
    let d = &diags[0];
    assert_eq!(&text[d.span.start..d.span.end], d.text, "the span points at the original bytes");
    // The evidence gives the score and names the signals, in the document's language.
    assert!(d.message.starts_with("promosi judi online (skor "), "{}", d.message);
    assert!(d.evidence.iter().any(|e| e.contains("skor") && e.contains("ditandai mulai 0.80")), "{:?}", d.evidence);
    let signals = d.evidence.iter().find(|e| e.starts_with("yang menaikkan skor: ")).expect("signals");
    // Each signal is a word of the comment (quoted), its brand handle, or a way it is written.
    let named: Vec<&str> = signals["yang menaikkan skor: ".len()..].split(", ").collect();
    assert!(!named.is_empty() && named.len() <= 4, "{signals}");
    assert!(
        ["nama situs BANTENG77", "huruf bergaya"].contains(&named[0]),
        "how the comment is written comes first: {signals}"
    );
    for n in named {
        let word = n.trim_matches('"').trim_start_matches("nama situs ");
        assert!(
            d.text.to_lowercase().contains(&word.to_lowercase())
                || word == "BANTENG77"
                || ["huruf bergaya", "emoji dan simbol"].contains(&n),
            "{n} in {signals}"
        );
    }
}

#[test]
fn handles_in_disguise_are_found_in_their_own_bytes() {
    for (text, want) in [
        ("Patut dicoba, ⭐ A L E X I S 1 7 ⭐ bikin jp terus.", "A L E X I S 1 7"),
        ("🚦𝗦𝗨𝗣𝗘𝗥𝗠𝗢𝗡𝗘𝗬𝟴𝟴🚦 terbukti bocor, depo langsung wd", "𝗦𝗨𝗣𝗘𝗥𝗠𝗢𝗡𝗘𝗬𝟴𝟴"),
        ("MΛNDALIKA77, real tuh… gac𝗈r", "MΛNDALIKA77"),
        ("Kemenangan seru, Gacor mcb𝟏𝟔𝟖 terbaik", "mcb𝟏𝟔𝟖"),
    ] {
        let got: Vec<String> =
            check(text, Some(Lang::ID), &["spam.gambling-brand"]).into_iter().map(|d| d.text).collect();
        assert_eq!(got, [want], "{text}");
    }
}

#[test]
fn numbers_codes_and_match_results_stay_clean() {
    let texts = [
        "Hasil Liga 1: Persib 2, Persija 1; PSM 3, Arema 3. Skor agregat 5-4 untuk Persib.",
        "Harga iPhone 15 turun Rp 88 ribu, Boeing B737 kembali terbang, kasus COVID-19 naik.",
        "Full-time: Leeds 2 Burnley 1. The Lakers won 118-109 and the Dodgers took game 4.",
        "Lottery: the Mega Millions jackpot rose to $800 million after no ticket matched all numbers.",
        "Main game di ponsel makin mudah, apalagi banyak game gratis, ujar pengembang itu.",
    ];
    for t in texts {
        let got = found(&check(t, None, &["spam"]));
        assert!(got.is_empty(), "{t}: {got:?}");
    }
}

#[test]
fn a_user_trains_a_model_of_their_own() {
    let dir = common::scratch("model-user");
    let mut lines = String::new();
    for i in 0..40 {
        lines.push_str(&format!(
            "{{\"text\": \"Buy cheap pills{i} online, no prescription, fast pharmacy delivery\", \"label\": 1}}\n"
        ));
        lines.push_str(&format!(
            "{{\"text\": \"The council met on day {i} to discuss the new library\", \"label\": 0}}\n"
        ));
        lines.push_str(&format!("{{\"text\": \"Rain is expected in the north for {i} hours\", \"label\": \"ham\"}}\n"));
    }
    std::fs::write(dir.join("pharma.jsonl"), lines).unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .current_dir(&dir)
        .args(["rules", "train", "pharma.jsonl", "--out", "pharma.model", "--min-count", "2"])
        .output()
        .expect("runs");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let model = std::fs::read_to_string(dir.join("pharma.model")).unwrap();
    assert!(model.starts_with("# factlint linear model 2"), "{model:.200}");
    std::fs::write(
        dir.join("pharma.toml"),
        r#"id = "spam.pharmacy"
kind = "classifier"
severity = "warning"
message = "pharmacy spam ({score})"
[settings]
model = "pharma.model"
threshold = 0.8
[settings.wording.en]
message = "pharmacy spam ({score})"
score = "score {score}, flagged from {threshold}"
signals = "signals: {signals}"
separator = ", "
word = "{word}"
handle = "handle {word}"
styled = "styled letters"
spaced = "spaced letters"
marked = "marks"
digit-letter = "digits for letters"
decoration = "emoji"
[[example]]
text = "Cheap pills online with fast pharmacy delivery"
flagged = ["Cheap pills online with fast pharmacy delivery"]
[[example]]
text = "The council discussed the library."
"#,
    )
    .unwrap();
    let test = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .current_dir(&dir)
        .args(["rules", "test", "pharma.toml"])
        .output()
        .expect("runs");
    assert!(
        test.status.success(),
        "{}{}",
        String::from_utf8_lossy(&test.stdout),
        String::from_utf8_lossy(&test.stderr)
    );
    // The held-out examples can be written out, to judge a whole rule set on them: as many as
    // the report scores, each a JSON line training reads again.
    let held = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .current_dir(&dir)
        .args(["rules", "train", "pharma.jsonl", "--out", "held.model", "--min-count", "2", "--holdout", "30"])
        .args(["--write-holdout", "held.jsonl"])
        .output()
        .expect("runs");
    let report = String::from_utf8_lossy(&held.stdout).to_string();
    assert!(held.status.success(), "{report}{}", String::from_utf8_lossy(&held.stderr));
    let written = std::fs::read_to_string(dir.join("held.jsonl")).unwrap();
    let n = written.lines().count();
    assert!(n > 0 && n < 120, "{n} held out of 120");
    assert!(report.contains(&format!("held out: {n} examples")), "{report}");
    for line in written.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        assert!(v["text"].is_string() && (v["label"] == 0 || v["label"] == 1), "{line}");
    }
    // A bad model file is an error at load time, naming the line.
    std::fs::write(dir.join("pharma.model"), "# factlint linear model 2\nbias\tx\n").unwrap();
    let bad = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .current_dir(&dir)
        .args(["rules", "test", "pharma.toml"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("line 2"), "{}", String::from_utf8_lossy(&bad.stderr));
}

#[test]
fn spam_in_html_comments_is_flagged_per_comment() {
    let page = "<html><body><p>Berita pembangunan jembatan.</p><div class=\"comments\"><p>Bagus sekali pak.</p><p>Awal main di 🌈𝐌𝐈𝐘𝐀𝟴𝟴🌈 langsung jepe, cair gede banget!</p><p>Semoga cepat selesai.</p></div></body></html>";
    let got = found(&check_with(page, Some(Lang::ID), &["spam.gambling-promotion"], None, Format::Html));
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].1.contains("langsung jepe") && !got[0].1.contains("Semoga"), "{got:?}");
}
