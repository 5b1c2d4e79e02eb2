//! The APPI art. 32 checklist (個人情報保護法第32条、施行令第10条).
//!
//! A privacy policy must make knowable: the business's name, address and
//! representative; the purposes of use; how to make requests (and the fee);
//! the security measures; where to complain; and, for a member of an
//! accredited body (認定個人情報保護団体), that body and its complaint desk.
//! `policy.toml` may say which clause or block covers each item; blocks
//! also count on their own (a `business` block is the business's details).
//! Every version in force or upcoming is checked; what is missing is a
//! warning, so `build` goes on and `check --deny-warnings` can refuse it.
//!
//! Where it can be checked, the disclosure must also say what the law asks
//! of it: the fee for requests (or that there is none), the business's
//! representative and address when a clause rather than a `business` block
//! gives them. `check` lists each item with where it is disclosed.

use std::collections::BTreeSet;

use jiff::civil::Date;

use serde::Serialize;

use crate::base::diag::{Diagnostic, Diagnostics};
use crate::model::{Policy, Site, Status};
use crate::parse::PolicyKind;
use crate::parse::blocks::BlockKind;
use crate::parse::markdown::{Clause, Segment};

/// The items, with how a message names them.
pub(crate) const ITEMS: &[(&str, &str)] = &[
    ("business", "the business's name, address and representative (事業者の氏名又は名称・住所・代表者)"),
    ("purposes", "the purposes of use (利用目的)"),
    ("requests", "how to make requests, and the fee (開示等の請求に応じる手続・手数料)"),
    ("security", "the security measures (安全管理措置)"),
    ("complaints", "where to make complaints (苦情の申出先)"),
    ("accredited-body", "the accredited body and its complaint desk (認定個人情報保護団体の名称・苦情の申出先)"),
];

/// Where one privacy policy version discloses each item, for `check`.
#[derive(Debug, Clone, Serialize)]
pub struct Checklist {
    /// The policy's slug.
    pub policy: String,
    /// The version's effective date.
    pub effective: String,
    /// Each item, in the law's order.
    pub items: Vec<Disclosure>,
}

/// One item of the checklist.
#[derive(Debug, Clone, Serialize)]
pub struct Disclosure {
    /// The item's key under `[appi]` (`requests`).
    pub item: &'static str,
    /// Where it is disclosed: `clause disclosure (開示等の請求)` or `block company`; null when nowhere.
    pub disclosed_in: Option<String>,
    /// What the disclosure lacks, when it is there but incomplete.
    pub lacks: Option<String>,
    /// The item is not required of this site (an accredited body, for a non-member).
    pub optional: bool,
}

/// Checks every privacy policy of the site as of `today`; returns where
/// each version in force or upcoming discloses each item.
pub(crate) fn check(site: &Site<'_>, today: Date, diags: &mut Diagnostics) -> Vec<Checklist> {
    let mut lists = Vec::new();
    check_membership(site, diags);
    for policy in site.policies.iter().filter(|p| p.meta.kind == PolicyKind::Privacy) {
        for (key, value) in &policy.meta.appi {
            if !ITEMS.iter().any(|(item, _)| item == key) {
                let known: Vec<&str> = ITEMS.iter().map(|(item, _)| *item).collect();
                diags.push(
                    Diagnostic::error("appi-unknown-item", format!("[appi] has no item `{key}`"))
                        .at(policy.meta_source, value.span.clone())
                        .hint(format!("the items are: {}", known.join(", "))),
                );
            }
        }
        for index in 0..policy.versions.len() {
            if policy.status(index, today) != Status::Archived {
                lists.push(check_version(site, policy, index, diags));
            }
        }
    }
    lists
}

fn check_membership(site: &Site<'_>, diags: &mut Diagnostics) {
    let Some(id) = &site.config.accredited_body else { return };
    let valid = site.blocks.get(id).is_some_and(|b| b.kind == crate::parse::blocks::BlockKind::ComplaintBody);
    if !valid && !site.blocks.broken.contains(id) {
        diags.push(
            Diagnostic::error(
                "appi-accredited-body",
                format!("accredited_body names `{id}`, which is not a complaint-body block"),
            )
            .in_file(std::path::Path::new(crate::base::layout::CONFIG_FILE))
            .hint(format!("define blocks/{id}.toml with kind = \"complaint-body\", or remove accredited_body")),
        );
    }
}

/// Where an item is disclosed in a version.
enum Place<'c> {
    Clause(&'c Clause),
    Block(&'c str),
}

impl Place<'_> {
    fn label(&self) -> String {
        match self {
            Place::Clause(clause) => format!("clause {} ({})", clause.id, clause.title),
            Place::Block(id) => format!("block {id}"),
        }
    }
}

fn find_clause<'c>(clauses: &'c [Clause], id: &str) -> Option<&'c Clause> {
    clauses.iter().find_map(|c| if c.id == id { Some(c) } else { find_clause(&c.children, id) })
}

fn check_version(site: &Site<'_>, policy: &Policy<'_>, index: usize, diags: &mut Diagnostics) -> Checklist {
    let version = &policy.versions[index];
    let governing = &site.config.governing_language;
    let text = version.text(governing, governing).0;
    let refs = text.body.block_refs();
    let blocks: BTreeSet<&str> = refs.iter().map(|b| b.id.as_str()).collect();
    let block_of_kind =
        |kind: BlockKind| blocks.iter().copied().find(|id| site.blocks.get(id).is_some_and(|b| b.kind == kind));
    let mut items = Vec::new();
    for (item, name) in ITEMS {
        let declared = policy.meta.appi.get(*item);
        let place = match declared.map(|d| d.value.as_str()) {
            Some(target) => match target.strip_prefix("block:") {
                Some(block) => blocks.get(block).map(|id| Place::Block(id)),
                None => find_clause(&text.body.clauses, target).map(Place::Clause),
            },
            None => match *item {
                "business" => block_of_kind(BlockKind::Business).map(Place::Block),
                "complaints" => block_of_kind(BlockKind::Contact).map(Place::Block),
                "accredited-body" => block_of_kind(BlockKind::ComplaintBody).map(Place::Block),
                _ => None,
            },
        };
        let required = *item != "accredited-body" || site.config.accredited_body.is_some();
        let member_body_shown = match (&site.config.accredited_body, *item) {
            (Some(body), "accredited-body") => blocks.contains(body.as_str()),
            _ => true,
        };
        if required && (place.is_none() || !member_body_shown) {
            let message = match (declared, member_body_shown) {
                (_, false) => format!(
                    "version {} does not show {name}: the `{}` block is not referenced",
                    version.effective,
                    site.config.accredited_body.as_deref().unwrap_or_default()
                ),
                (Some(target), _) => format!(
                    "version {} lacks `{}`, declared in policy.toml for {name}",
                    version.effective, target.value
                ),
                (None, _) => format!("version {} does not say where it discloses {name}", version.effective),
            };
            diags.push(
                Diagnostic::warning("appi-missing", message)
                    .in_file(&text.source.path)
                    .hint(format!("APPI art. 32 requires it: add the clause or block, and name it under [appi] in policy.toml ({item} = \"clause-id\" or \"block:id\")")),
            );
        }
        let lacks = place.as_ref().and_then(|place| lacks(item, place, &text.source.text, site, version.effective));
        if let (Some(lack), Some(Place::Clause(clause))) = (&lacks, &place) {
            diags.push(
                Diagnostic::warning(
                    "appi-content",
                    format!("version {}: {name} is in clause `{}`, which {lack}", version.effective, clause.id),
                )
                .at(text.source, clause.span.clone())
                .hint(content_hint(item)),
            );
        }
        let disclosed_in = place.as_ref().map(Place::label);
        items.push(Disclosure { item, disclosed_in, lacks, optional: !required });
    }
    Checklist { policy: policy.slug.clone(), effective: version.effective.to_string(), items }
}

/// What a clause disclosing `item` lacks of what the law asks it to say,
/// judged by its text and the blocks in it. Blocks on their own are
/// complete: their required fields are checked when they are read.
fn lacks(item: &str, place: &Place<'_>, source: &str, site: &Site<'_>, day: Date) -> Option<String> {
    let Place::Clause(clause) = place else { return None };
    let mut text = String::new();
    clause_text(clause, source, site, day, &mut text);
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w) || text.to_lowercase().contains(w));
    match item {
        "requests" if !has(&["手数料", "無料", "無償", "fee", "free of charge", "no charge"]) => {
            Some("states no fee for requests (手数料), nor that they are free".into())
        }
        "business" => {
            let representative = has(&["代表", "representative", "president", "ceo"]);
            let address = has(&["〒", "住所", "所在地", "都", "道", "府", "県", "address"]);
            match (representative, address) {
                (true, true) => None,
                (false, true) => Some("names no representative (代表者)".into()),
                (true, false) => Some("gives no address (住所)".into()),
                (false, false) => Some("names no representative (代表者) and gives no address (住所)".into()),
            }
        }
        _ => None,
    }
}

/// A clause's Markdown with its sub-clauses', and the values of its blocks as of `day`.
fn clause_text(clause: &Clause, source: &str, site: &Site<'_>, day: Date, out: &mut String) {
    for segment in &clause.content {
        match segment {
            Segment::Markdown(range) => out.push_str(source.get(range.clone()).unwrap_or_default()),
            Segment::Block(block) => {
                let revision = site.blocks.get(&block.id).and_then(|b| b.revision_on(day));
                out.push_str(&revision.map(|r| r.canonical()).unwrap_or_default());
            }
        }
        out.push('\n');
    }
    for child in &clause.children {
        out.push_str(&child.title);
        clause_text(child, source, site, day, out);
    }
}

fn content_hint(item: &str) -> &'static str {
    match item {
        "requests" => {
            "APPI art. 32 and Cabinet Order art. 10 ask for the fee of disclosure requests: state the amount and how to pay, or that there is no fee"
        }
        _ => {
            "APPI art. 32 asks for the business's name, address and representative: write them in the clause, or put a business block in it"
        }
    }
}
