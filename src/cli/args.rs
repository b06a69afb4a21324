//! Command-line flags as the user writes them (clap definitions). Resolution into settings
//! (rules compiled, config merged) happens in the command modules.

use clap::{Args, Parser, Subcommand, ValueEnum};
use factlint::config::FailOn;
use std::path::PathBuf;

/// Find claims in articles and check them against reference knowledge.
///
/// factlint reads plain text, Markdown and HTML, recognises places, dates, people and figures,
/// and reports claims that disagree with what its knowledge says: a city placed in the wrong
/// province, a weekday that does not match its date, a minister given the wrong title, spam
/// injected into a page.
///
/// Exit status: 0 no finding at or above --fail-on; 1 findings at or above it; 2 a usage,
/// configuration, rule or knowledge error, or an input that could not be read.
#[derive(Debug, Parser)]
#[command(name = "factlint", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files, folders (walked, .gitignore respected) or stdin (`-`).
    #[command(after_help = "Examples:
  factlint check article.md
  factlint check content/ --format json --fail-on warning
  cat article.txt | factlint check - --lang id --date 2023-07-05
  factlint check content/ --format html > report.html
  factlint check content/ --baseline factlint-baseline.json --write-baseline
  factlint check --stream < articles.jsonl > findings.jsonl")]
    Check(CheckArgs),
    /// List, explain and test rules.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Look things up in the knowledge, check knowledge files, rebuild the world gazetteer.
    #[command(subcommand)]
    Kb(KbCommand),
    /// Write a starter factlint.toml, rule file and knowledge file into a folder.
    Init(InitArgs),
    /// Run a language server (LSP, on stdin and stdout) for editors.
    ///
    /// Findings show as diagnostics while you write, evidence and sources on hover, and quick
    /// fixes apply suggestions or disable a rule for a line.
    ///
    /// Each open document is checked as `factlint check` checks the file: factlint.toml is found
    /// upward from it and read again when it changes. initializationOptions may give what the
    /// command line would: {"rules": ["my-rules/"], "knowledge": ["people.toml"], "config":
    /// "factlint.toml", "noConfig": true, "lang": "id", "date": "2024-05-14", "select": [...],
    /// "ignore": [...], "noBuiltinRules": true}. README shows the set-up for Neovim, Helix, Zed
    /// and VS Code.
    Lsp(LspArgs),
    /// List every claim the rules read, with its verdict and what it rests on.
    ///
    /// A claim is confirmed (with the source that confirms it), contradicted (it has a finding)
    /// or unknown (with why the knowledge cannot judge it). Exit 0, or 2 when an input, rule,
    /// knowledge or configuration could not be read.
    #[command(after_help = "Examples:
  factlint claims article.md
  factlint claims content/ --verdict unknown
  factlint claims article.txt --format json --lang id")]
    Claims(ClaimsArgs),
}

/// Output formats of `claims`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ClaimsFormat {
    /// One line a claim: path:line:column: verdict rule "text": source or reason.
    Human,
    /// One JSON object: {"claims_version": 1, "files": [{"path", "summary", "claims": [...]}]}.
    Json,
}

/// Options of `claims`.
#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Files or folders to read (default: the current folder).
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = ClaimsFormat::Human)]
    pub format: ClaimsFormat,
    /// Only claims with this verdict (repeatable, comma-separated).
    #[arg(long, value_delimiter = ',', value_parser = ["confirmed", "contradicted", "unknown"])]
    pub verdict: Vec<String>,
    /// The documents' language (auto, en, id), as for check.
    #[arg(long)]
    pub lang: Option<String>,
    /// The documents' date, YYYY-MM-DD, as for check.
    #[arg(long)]
    pub date: Option<String>,
    /// Rule files or folders on top of the built-in ones (repeatable).
    #[arg(long, value_name = "PATH")]
    pub rules: Vec<PathBuf>,
    /// Knowledge files on top of the built-in knowledge (repeatable).
    #[arg(long, value_name = "FILE")]
    pub knowledge: Vec<PathBuf>,
    /// Only these rules or categories (repeatable, comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Leave out these rules or categories.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Use this factlint.toml instead of the one found upward from each path.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Use no factlint.toml.
    #[arg(long)]
    pub no_config: bool,
}

/// Options of `lsp`.
#[derive(Debug, Args)]
pub struct LspArgs {
    /// Talk over stdin and stdout (the only transport, and the default; accepted because many
    /// clients pass it).
    #[arg(long)]
    pub stdio: bool,
}

/// Output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Annotated snippets for people (colour on a terminal).
    Human,
    /// One JSON object: findings, errors, summary.
    Json,
    /// SARIF 2.1.0, for code scanning (e.g. GitHub's upload-sarif action).
    Sarif,
    /// GitHub Actions workflow commands: findings become annotations on the pull request.
    Github,
    /// JUnit XML: one test suite per file, one failed test case per finding.
    Junit,
    /// One self-contained HTML page: articles with findings highlighted, evidence on hover.
    Html,
}

/// Document language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// Decide per document from its words (front matter `lang:` wins).
    Auto,
    /// English.
    En,
    /// Indonesian.
    Id,
}

/// When to colour human output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check; `-` reads stdin. Defaults to the current folder.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

    /// Exit 1 when a finding at or above this severity is reported [default: error, or the
    /// config's fail-on].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Use this config file instead of the factlint.toml found upward from each checked path.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Do not look for factlint.toml files.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,

    /// A knowledge file to check against, on top of the built-in knowledge (repeatable).
    #[arg(long = "knowledge", value_name = "FILE")]
    pub knowledge: Vec<PathBuf>,

    /// A rule file or folder of rule files, on top of the built-in rules (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,

    /// Leave out the built-in rules (use only --rules and the config's rules). The built-in
    /// lexicons stay, so your rules' macros ({month}, {weekday}) and place claims still work.
    #[arg(long)]
    pub no_builtin_rules: bool,

    /// The documents' language [default: auto].
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,

    /// The documents' date, YYYY-MM-DD (front matter `date:` and datelines are used otherwise).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,

    /// Run only these rules: ids (`place.located-in`) or categories (`place`) (repeatable,
    /// comma-separated).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub select: Vec<String>,

    /// Do not run these rules: ids or categories (repeatable, comma-separated).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// When to use colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// The file name stdin stands for: picks its format (.md, .html) and its factlint.toml.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// Report only findings that are not in this baseline file. A baseline records each
    /// finding's rule, path and claim text (not its line), so edits elsewhere in a file keep it
    /// valid; the same claim twice in a file is recorded twice. A missing or malformed baseline
    /// is an error (exit 2).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Write today's findings to the --baseline file instead of reporting them, and exit 0
    /// (2 if an input could not be read).
    #[arg(long, requires = "baseline")]
    pub write_baseline: bool,

    /// Stream mode, for pipelines (Spark's RDD.pipe, Beam, shell): read JSON Lines documents
    /// from stdin, one per line: {"id": ..., "text": "...", "lang": "en"|"id" (optional),
    /// "date": "YYYY-MM-DD" (optional), "format": "text"|"markdown"|"html" (optional)}. Write
    /// one JSON line per document, in input order: {"id": ..., "findings": [...]} with the
    /// finding objects of --format json (path = the id), or {"id": ..., "findings": [],
    /// "error": "..."} for a line that is not a valid document. Memory stays flat however
    /// long the stream. Exit 0 when the stream was read to the end (findings and bad lines
    /// are reported in the output, so one bad record does not fail a pipeline task); 1 only
    /// with an explicit --fail-on that a finding reaches; 2 on configuration, rule or
    /// knowledge errors, or when stdin cannot be read.
    #[arg(long, conflicts_with_all = ["paths", "format", "baseline", "stdin_filename", "color"])]
    pub stream: bool,

    /// With --format json, list every claim the rules read with its verdict (each file's
    /// `claims.list`), not only the counts.
    #[arg(long, requires = "format")]
    pub claims: bool,

    /// Apply every suggestion that is one unambiguous replacement (a place's region, a weekday)
    /// to the files, then report the findings that remain; the exit code is theirs. A file is
    /// written whole or not at all (a temporary file renamed over it), and one that changed on
    /// disk while it was checked is left alone. Rules whose suggestions come from the record (a
    /// figure, a title) are left to an editor unless --unsafe-fixes is given.
    #[arg(long, conflicts_with_all = ["stream", "write_baseline"])]
    pub fix: bool,

    /// Print what --fix would change as a unified diff, and write nothing. The exit code is that
    /// of the findings that would remain.
    #[arg(long, conflicts_with_all = ["fix", "stream", "write_baseline"])]
    pub diff: bool,

    /// With --fix or --diff, apply the suggestions of rules that mark them unsafe too.
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Never show a progress bar. (It is shown only on a terminal, outside CI, for runs over
    /// many files.)
    #[arg(long)]
    pub no_progress: bool,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List the rules: id, kind, severity, languages, where they come from.
    List(RulesArgs),
    /// Run the rules' own examples; report passed, missing (not flagged) and noisy (flagged but
    /// should not be). Exit 1 on any failure.
    Test(RulesTestArgs),
    /// Explain a rule: what it checks, why, its patterns and examples.
    Explain(RulesExplainArgs),
    /// List the rule kinds a rule file may name, with the pattern groups, settings and message
    /// values of each (a Markdown table, as README shows it).
    Kinds,
    /// Train the model of a `classifier` rule from labelled examples and write the model file.
    #[command(long_about = TRAIN_ABOUT)]
    Train(RulesTrainArgs),
}

const TRAIN_ABOUT: &str = "\
Train the model of a `classifier` rule from labelled examples and write the model file.

The model is logistic regression over the words, character 3- to 5-grams and disguise signals
(styled or look-alike letters, spaced letters, marks, digits for letters, decoration, words of
letters and digits such as \"weton88\") of the normalised text. Training is deterministic: the
same examples and options always write the same file.

Examples come from:
  FILE.csv     a header row naming a label column (`label`, or --label-column) and a text
               column (`text`, or --text-column); labels 1/0, true/false, yes/no, spam/ham
               (positive/negative); one example a row
  FILE.jsonl   one JSON object a line: {\"text\": \"...\", \"label\": 1}
  --positive PATH, --negative PATH
               text, Markdown or HTML files, or folders of them, whose every non-empty line
               of prose is one example of that label

--holdout N keeps N% of the examples out of training (chosen by a hash of each text's
letters, so copies of one text stay together) and reports precision and recall on them at
--threshold: judge a model by those figures, not by its fit to what it was trained on.
--write-holdout FILE writes the held-out examples out, to judge the whole rule set on them.

Then name the model in a rule file:

  id = \"spam.my-spam\"
  kind = \"classifier\"
  [settings]
  model = \"my-spam.model\"      # beside the rule file
  threshold = 0.9

  factlint rules train --out rules/my-spam.model comments.csv --negative articles/ --holdout 20";

#[derive(Debug, Args)]
pub struct RulesTrainArgs {
    /// Labelled examples: CSV or JSON Lines files (see above).
    #[arg(value_name = "FILE")]
    pub inputs: Vec<PathBuf>,
    /// Files or folders whose every line of prose is a positive example (repeatable).
    #[arg(long = "positive", value_name = "PATH")]
    pub positive: Vec<PathBuf>,
    /// Files or folders whose every line of prose is a negative example (repeatable).
    #[arg(long = "negative", value_name = "PATH")]
    pub negative: Vec<PathBuf>,
    /// The CSV column that holds the text.
    #[arg(long, default_value = "text")]
    pub text_column: String,
    /// The CSV column that holds the label.
    #[arg(long, default_value = "label")]
    pub label_column: String,
    /// Where to write the model file.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: PathBuf,
    /// Percent of the examples held out of training and scored (0 to 50).
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=50))]
    pub holdout: u32,
    /// Write the held-out examples to this file as JSON Lines ({"text": ..., "label": 0 or 1}),
    /// to judge a whole rule set on them with `factlint check --stream`.
    #[arg(long, value_name = "FILE", requires = "holdout")]
    pub write_holdout: Option<PathBuf>,
    /// The probability the held-out report counts as positive.
    #[arg(long, default_value_t = 0.5)]
    pub threshold: f64,
    /// Passes over the training examples.
    #[arg(long, default_value_t = 12)]
    pub epochs: usize,
    /// Features seen in fewer training examples are left out.
    #[arg(long, default_value_t = 3)]
    pub min_count: usize,
    /// L2 penalty on the weights: larger keeps them smaller and the scores less sure.
    #[arg(long, default_value_t = 0.05)]
    pub l2: f64,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// A rule file or folder, on top of the built-in rules (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
    /// Leave out the built-in rules (the built-in lexicons stay, for your rules' macros).
    #[arg(long)]
    pub no_builtin_rules: bool,
    /// A knowledge file the examples are checked against (repeatable).
    #[arg(long = "knowledge", value_name = "FILE")]
    pub knowledge: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RulesTestArgs {
    /// Rule files or folders to test [default: the built-in rules].
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// A knowledge file the examples are checked against (repeatable).
    #[arg(long = "knowledge", value_name = "FILE")]
    pub knowledge: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RulesExplainArgs {
    /// The rule id, e.g. place.located-in.
    pub rule: String,
    #[command(flatten)]
    pub common: RulesArgs,
}

#[derive(Debug, Subcommand)]
pub enum KbCommand {
    /// Print every place (and, with knowledge files, person and office) known by a name.
    Lookup(KbLookupArgs),
    /// Check knowledge files: syntax, references, dates; errors as file:line:column.
    Check(KbCheckArgs),
    /// Rebuild the compiled world gazetteer from upstream dump files.
    #[command(subcommand)]
    Import(ImportCommand),
}

#[derive(Debug, Args)]
pub struct KbLookupArgs {
    /// The name to look up (any case; accents optional).
    pub name: String,
    /// A knowledge file to include (repeatable).
    #[arg(long = "knowledge", value_name = "FILE")]
    pub knowledge: Vec<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct KbCheckArgs {
    /// Knowledge files to check, in load order.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Build the gazetteer from GeoNames dumps (https://download.geonames.org/export/dump/).
    #[command(after_help = "The project's own gazetteer is rebuilt with:
  factlint kb import geonames --cities ../shared/data/geonames/cities500.txt \\
    --admin1 ../shared/data/geonames/admin1CodesASCII.txt \\
    --admin1-history ../shared/data/geonames/admin1-history.tsv \\
    --countries ../shared/data/geonames/countryInfo.txt \\
    --iso3166 ../shared/data/geonames/iso3166-1.json \\
    --iso3166-2 ../shared/data/geonames/iso3166-2.json \\
    --idn-area ../shared/data/idn-area \\
    --curated knowledge/curated --output knowledge/world.bin

A gazetteer built with --idn-area includes idn-area-data (Kemendagri codes) and is a derivative
database under the Open Database License (ODbL 1.0): offer it under that licence, with credit.")]
    Geonames(ImportGeonamesArgs),
}

#[derive(Debug, Args)]
pub struct ImportGeonamesArgs {
    /// Populated places: cities1000.txt (or cities500, cities15000, allCountries.txt).
    #[arg(long, value_name = "FILE")]
    pub cities: PathBuf,
    /// First-level divisions: admin1CodesASCII.txt.
    #[arg(long, value_name = "FILE")]
    pub admin1: PathBuf,
    /// Divisions replaced by reforms: admin1-history.tsv (old code, old name, old ASCII name,
    /// old geonameid, new code, new name, year). Former names stay right for their territory.
    #[arg(long = "admin1-history", value_name = "FILE")]
    pub admin1_history: Option<PathBuf>,
    /// Countries: countryInfo.txt.
    #[arg(long, value_name = "FILE")]
    pub countries: PathBuf,
    /// ISO 3166-1 names (iso-codes JSON), for official and common country names.
    #[arg(long, value_name = "FILE")]
    pub iso3166: Option<PathBuf>,
    /// ISO 3166-2 subdivisions (iso-codes JSON): local names of regions, and counties,
    /// departments and other lower divisions.
    #[arg(long = "iso3166-2", value_name = "FILE")]
    pub iso3166_2: Option<PathBuf>,
    /// Indonesia's administrative map: a folder with idn-area-data's provinces.csv,
    /// regencies.csv, districts.csv, villages.csv and islands.csv (ODbL).
    #[arg(long = "idn-area", value_name = "DIR")]
    pub idn_area: Option<PathBuf>,
    /// Curated knowledge files, or folders of them (*.toml, in name order), applied on top.
    #[arg(long, value_name = "PATH")]
    pub curated: Vec<PathBuf>,
    /// Where to write the compiled gazetteer.
    #[arg(long, short, value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to write into [default: the current folder].
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Overwrite files that already exist.
    #[arg(long)]
    pub force: bool,
}

/// `factlint check` options given as words (by the language server's initialization options and
/// by `claims`), read as the command line reads them; the error is clap's first line.
pub fn check_args_from(argv: Vec<String>) -> Result<CheckArgs, String> {
    match Cli::try_parse_from(argv) {
        Ok(Cli { command: Command::Check(args) }) => Ok(args),
        Ok(_) => Err("not check options".into()),
        Err(e) => Err(e.to_string().lines().next().unwrap_or_default().trim_start_matches("error: ").to_string()),
    }
}
