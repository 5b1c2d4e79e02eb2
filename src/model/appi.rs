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

use std::collections::BTreeSet;

use jiff::civil::Date;

use crate::base::diag::{Diagnostic, Diagnostics};
use crate::model::{Policy, Site, Status};
use crate::parse::PolicyKind;

/// The items, with how a message names them.
pub(crate) const ITEMS: &[(&str, &str)] = &[
    ("business", "the business's name, address and representative (事業者の氏名又は名称・住所・代表者)"),
    ("purposes", "the purposes of use (利用目的)"),
    ("requests", "how to make requests, and the fee (開示等の請求に応じる手続・手数料)"),
    ("security", "the security measures (安全管理措置)"),
    ("complaints", "where to make complaints (苦情の申出先)"),
    ("accredited-body", "the accredited body and its complaint desk (認定個人情報保護団体の名称・苦情の申出先)"),
];

/// Checks every privacy policy of the site as of `today`.
pub(crate) fn check(site: &Site<'_>, today: Date, diags: &mut Diagnostics) {
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
                check_version(site, policy, index, diags);
            }
        }
    }
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

fn check_version(site: &Site<'_>, policy: &Policy<'_>, index: usize, diags: &mut Diagnostics) {
    let version = &policy.versions[index];
    let governing = &site.config.governing_language;
    let text = version.text(governing, governing).0;
    let ids: BTreeSet<&str> = text.body.ids().into_iter().collect();
    let blocks: BTreeSet<&str> = text.body.block_refs().into_iter().map(|b| b.id.as_str()).collect();
    let block_of_kind = |kind: crate::parse::blocks::BlockKind| {
        blocks.iter().any(|id| site.blocks.get(id).is_some_and(|b| b.kind == kind))
    };
    for (item, name) in ITEMS {
        let declared = policy.meta.appi.get(*item);
        let covered = match declared.map(|d| d.value.as_str()) {
            Some(target) => match target.strip_prefix("block:") {
                Some(block) => blocks.contains(block),
                None => ids.contains(target),
            },
            None => match *item {
                "business" => block_of_kind(crate::parse::blocks::BlockKind::Business),
                "complaints" => block_of_kind(crate::parse::blocks::BlockKind::Contact),
                "accredited-body" => block_of_kind(crate::parse::blocks::BlockKind::ComplaintBody),
                _ => false,
            },
        };
        let required = *item != "accredited-body" || site.config.accredited_body.is_some();
        let member_body_shown = match (&site.config.accredited_body, *item) {
            (Some(body), "accredited-body") => blocks.contains(body.as_str()),
            _ => true,
        };
        if required && (!covered || !member_body_shown) {
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
    }
}
