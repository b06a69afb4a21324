//! The HTML report as a browser shows it: headless Chromium (Debian's `chromium` package,
//! /usr/bin/chromium) renders the report of the seed article and of a fixture whose text holds
//! a <script>, and the test checks the parsed page and the pixels of its screenshots: the claim
//! is highlighted in place, its evidence card appears when the claim is targeted (as on hover
//! or focus), the article's markup stays text, and claims confirmed by the knowledge are
//! underlined quietly with their source on hover.
//!
//! Chromium is required: this test fails, never skips, when it is missing.
//! Install it with `apt-get install -y chromium` (.ci/run does).

mod common;

use common::{factlint_in, fixtures, scratch, seed_article};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";

fn chromium(profile: &Path, args: &[&str]) -> std::process::Output {
    assert!(
        Path::new(CHROMIUM).is_file(),
        "{CHROMIUM} is missing: this test needs Debian's Chromium. Install it with `apt-get install -y chromium`"
    );
    let mut child = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    // A browser that hangs must not hang the test suite.
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().expect("chromium can be waited for").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().expect("chromium output");
    assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// RGB pixels of a PNG screenshot.
fn pixels(path: &Path) -> Vec<[u8; 3]> {
    let file = std::io::BufReader::new(std::fs::File::open(path).expect("the screenshot exists"));
    let mut reader = png::Decoder::new(file).read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a sane size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = info.color_type.samples();
    assert!(channels >= 3 && info.bit_depth == png::BitDepth::Eight, "{:?} {:?}", info.color_type, info.bit_depth);
    buf[..info.buffer_size()].chunks(channels).map(|p| [p[0], p[1], p[2]]).collect()
}

fn count(pixels: &[[u8; 3]], rgb: [u8; 3]) -> usize {
    pixels.iter().filter(|p| **p == rgb).count()
}

/// The colours the report's stylesheet gives an error highlight and an error badge.
const ERROR_HIGHLIGHT: [u8; 3] = [0xfd, 0xe7, 0xe6];
const ERROR_BADGE: [u8; 3] = [0xb3, 0x26, 0x1e];

fn file_url(path: &Path, fragment: &str) -> String {
    format!("file://{}{fragment}", path.display())
}

#[test]
#[ignore = "needs Chromium and ../shared (the seed article): run by .ci/run"]
fn seed_article_report_renders_with_the_claim_highlighted_and_its_evidence() {
    let dir = scratch("chromium");
    let seed = seed_article();
    let run = factlint_in(&fixtures(), &["check", seed.to_str().unwrap(), "en-port.md", "--format", "html"], None);
    assert_eq!(run.code, 1, "stderr: {}", run.stderr);
    let report: PathBuf = dir.join("report.html");
    std::fs::write(&report, &run.stdout).unwrap();
    let profile = dir.join("profile");

    // The page as Chromium parsed it.
    let dom = String::from_utf8(chromium(&profile, &["--dump-dom", &file_url(&report, "")]).stdout).unwrap();
    let mark = dom.find(">Shenzhen, <span class=\"part\"").expect("the seed's claim is highlighted in the article");
    let mark_html = &dom[dom[..mark].rfind("<mark").unwrap()..mark + dom[mark..].find("</mark>").unwrap()];
    assert!(mark_html.starts_with("<mark class=\"error\""), "{mark_html}");
    assert!(mark_html.contains("tabindex=\"0\""), "keyboard users can focus the claim: {mark_html}");
    assert!(mark_html.contains("KwaZulu-Natal</span>"), "{mark_html}");
    for evidence in [
        "Shenzhen (penduduk 17,5 juta) terletak di Guangdong, Tiongkok",
        "KwaZulu-Natal adalah provinsi di Afrika Selatan",
    ] {
        assert!(mark_html.contains(evidence), "the evidence travels with the claim: {evidence}");
    }
    // The fixture's <script> is text: Chromium built no script element from it.
    assert!(!dom.contains("<script"), "no script element in the parsed page");
    assert!(dom.contains("&lt;script&gt;alert(\"pwned\")&lt;/script&gt;"));

    // What a reader sees. The window is taller than the page, so targeting a claim scrolls
    // nothing and the two screenshots differ only by the evidence card.
    let plain = dir.join("report.png");
    let targeted = dir.join("report-claim.png");
    let seed_claim = &mark_html[mark_html.find("id=\"").unwrap() + 4..];
    let seed_claim = &seed_claim[..seed_claim.find('"').unwrap()];
    for (png, fragment) in [(&plain, String::new()), (&targeted, format!("#{seed_claim}"))] {
        chromium(
            &profile,
            &["--window-size=1000,4000", &format!("--screenshot={}", png.display()), &file_url(&report, &fragment)],
        );
    }
    let (before, after) = (pixels(&plain), pixels(&targeted));
    assert!(count(&before, ERROR_HIGHLIGHT) > 500, "the claims are highlighted: {}", count(&before, ERROR_HIGHLIGHT));
    // Targeting the claim opens its card, which carries one more error badge.
    assert!(
        count(&after, ERROR_BADGE) > count(&before, ERROR_BADGE) + 100,
        "the evidence card shows: {} vs {} badge pixels",
        count(&after, ERROR_BADGE),
        count(&before, ERROR_BADGE)
    );
    eprintln!("screenshots: {} and {}", plain.display(), targeted.display());
}

/// The green of a confirmed claim's underline.
const CONFIRMED: [u8; 3] = [0x2e, 0x7d, 0x32];

#[test]
#[ignore = "needs Chromium: run by .ci/run"]
fn confirmed_claims_are_underlined_quietly_with_their_source() {
    let dir = scratch("chromium-claims");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let run = factlint_in(&examples, &["check", "--no-config", ".", "--format", "html"], None);
    assert_eq!(run.code, 1, "stderr: {}", run.stderr);
    let report = dir.join("report.html");
    std::fs::write(&report, &run.stdout).unwrap();
    let profile = dir.join("profile");
    let dom = String::from_utf8(chromium(&profile, &["--dump-dom", &file_url(&report, "")]).stdout).unwrap();
    assert!(
        dom.contains(
            r#"<span class="claim confirmed" title="confirmed: GeoNames 1625822">Surabaya, Jawa Timur</span>"#
        ),
        "the confirmed claim is marked with its source"
    );
    assert!(dom.contains("4 claims: 2 confirmed, 2 contradicted, 0 unknown"), "each file says its claims");
    let png = dir.join("claims.png");
    chromium(
        &profile,
        &["--window-size=1000,3000", &format!("--screenshot={}", png.display()), &file_url(&report, "")],
    );
    let shown = pixels(&png);
    assert!(
        count(&shown, CONFIRMED) > 100,
        "confirmed claims are underlined: {} green pixels",
        count(&shown, CONFIRMED)
    );
    assert!(count(&shown, ERROR_HIGHLIGHT) > 500, "contradicted claims stay highlighted");
    eprintln!("screenshot: {}", png.display());
}
