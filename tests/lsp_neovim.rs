//! `factlint lsp` in a real editor: headless Neovim (Debian's `neovim`, which .ci/run installs)
//! with a small Lua configuration starts the server, opens the seed article and writes the
//! diagnostics it received to a file; they must be `factlint check`'s findings.

mod common;

use std::path::Path;
use std::process::Command;

const CONFIG: &str = r#"
local bin, file, out = os.getenv('FACTLINT_BIN'), os.getenv('FACTLINT_FILE'), os.getenv('FACTLINT_OUT')
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local client = vim.lsp.start_client({ name = 'factlint', cmd = { bin, 'lsp' }, root_dir = vim.fn.fnamemodify(file, ':h') })
vim.lsp.buf_attach_client(buf, client)
vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(lines, string.format('%d:%d %s %s', d.lnum, d.col, d.code or lsp.code or '?', d.message))
end
table.sort(lines)
vim.fn.writefile(lines, out)
vim.cmd('qa!')
"#;

#[test]
#[ignore = "needs Neovim and ../shared (the seed article): run by .ci/run"]
fn neovim_shows_the_seed_articles_findings() {
    let nvim = Path::new("/usr/bin/nvim");
    assert!(nvim.exists(), "/usr/bin/nvim is missing: this test needs Debian's neovim (`apt-get install -y neovim`)");
    let dir = std::fs::canonicalize(common::scratch("lsp-neovim")).unwrap();
    let text = std::fs::read_to_string(common::seed_article()).unwrap();
    let file = dir.join("article.txt");
    std::fs::write(&file, &text).unwrap();
    std::fs::write(dir.join("init.lua"), CONFIG).unwrap();
    let out = dir.join("diagnostics.txt");
    let status = Command::new(nvim)
        .args(["--headless", "-n", "-u", "NONE", "-c", "luafile init.lua"])
        .current_dir(&dir)
        .env("FACTLINT_BIN", env!("CARGO_BIN_EXE_factlint"))
        .env("FACTLINT_FILE", &file)
        .env("FACTLINT_OUT", &out)
        .status()
        .expect("nvim runs");
    assert!(status.success(), "nvim exited with {status}");
    let received = std::fs::read_to_string(&out).expect("Neovim wrote the diagnostics it received");
    println!("{received}");

    // The same findings from the command line, as Neovim places them (0-based line, byte column).
    let run = common::factlint_in(&dir, &["check", "--format", "json", "article.txt"], None);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("a JSON report");
    let mut expected: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let start = f["span"]["start"].as_u64().unwrap() as usize;
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let line = text[..start].matches('\n').count();
            format!("{line}:{} {} {}", start - line_start, f["rule"].as_str().unwrap(), f["message"].as_str().unwrap())
        })
        .collect();
    expected.sort();
    let received: Vec<&str> = received.lines().collect();
    assert!(!expected.is_empty(), "the seed article has findings");
    assert_eq!(received, expected, "Neovim's diagnostics are check's findings");
}
