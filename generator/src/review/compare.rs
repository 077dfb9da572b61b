//! The comparison of two models of one spec: the order in which its parts
//! are compared, and the API-level facts (info, servers, security schemes).

use std::collections::HashMap;

use super::diff::Diff;
use super::kind::ChangeKind;
use super::{RustImpact, WireImpact};
use crate::emit::surface;
use crate::model::{self, Api};
use crate::parse::Document;
use crate::pointer::escape;

/// Compares two models of one spec.
pub(super) fn compare(
    old: &Api,
    old_doc: &Document,
    new: &Api,
    new_doc: &Document,
) -> Vec<super::Change> {
    let mut diff = Diff {
        old,
        new,
        old_raw: &old_doc.raw,
        new_raw: &new_doc.raw,
        types: HashMap::new(),
        old_directions: model::directions(old),
        new_directions: model::directions(new),
        found: Vec::new(),
    };
    super::types::match_types(&mut diff);
    diff.compare_info();
    diff.compare_servers();
    diff.compare_schemes();
    super::operations::compare_operations(&mut diff);
    super::types::compare_types(&mut diff);
    diff.found
}

impl Diff<'_> {
    fn compare_info(&mut self) {
        let (old, new) = (self.old, self.new);
        let mut edits = Vec::new();
        if old.title != new.title {
            edits.push(format!("title `{}` is now `{}`", old.title, new.title));
        }
        if old.version != new.version {
            edits.push(format!("version {} is now {}", old.version, new.version));
        }
        if old.description != new.description {
            edits.push("description edited".to_owned());
        }
        if !edits.is_empty() {
            self.docs(
                ChangeKind::InfoChanged,
                format!("module `{}`", new.module),
                format!("info: {}", edits.join("; ")),
                ("/info", "/info"),
            );
        }
    }

    fn compare_servers(&mut self) {
        let (old, new) = (self.old, self.new);
        let old_default = surface::default_base_url(old);
        let new_default = surface::default_base_url(new);
        let templates =
            |api: &Api| -> Vec<String> { api.servers.iter().map(|s| s.template.clone()).collect() };
        let (old_urls, new_urls) = (templates(old), templates(new));
        let server_at = |urls: &[String], url: &str| -> Option<String> {
            let i = urls.iter().position(|u| u == url)?;
            Some(format!("/servers/{i}"))
        };
        match (old_default, new_default) {
            (Some(a), Some(b)) if a != b => {
                let wire = if new_urls.iter().any(|u| u == a) {
                    WireImpact::Compatible
                } else {
                    WireImpact::Breaking
                };
                self.push(
                    ChangeKind::DefaultServerChanged,
                    (RustImpact::Patch, wire),
                    format!("`Client::DEFAULT_BASE_URL` is now `{b}` (was `{a}`)"),
                    format!("first server `{a}` is now `{b}`"),
                    (Some("/servers/0"), Some("/servers/0")),
                );
            }
            (Some(a), None) => self.push(
                ChangeKind::DefaultServerChanged,
                (RustImpact::Major, WireImpact::Breaking),
                "`Client::DEFAULT_BASE_URL`, `Client::with_default_server` removed: `Client::builder()` needs a `base_url`".to_owned(),
                format!("first server `{a}` is no longer a usable URL"),
                (Some("/servers/0"), Some("/servers")),
            ),
            (None, Some(b)) => self.push(
                ChangeKind::DefaultServerChanged,
                (RustImpact::Minor, WireImpact::Compatible),
                format!("`Client::DEFAULT_BASE_URL` (`{b}`) and `Client::with_default_server` added"),
                format!("first server `{b}` added"),
                (Some("/servers"), Some("/servers/0")),
            ),
            _ => {}
        }
        // The first server's change is said above, once.
        let default_moved = old_default != new_default;
        let first = |urls: &[String], url: &String| default_moved && urls.first() == Some(url);
        for url in &old_urls {
            if !new_urls.contains(url) && !first(&old_urls, url) {
                self.push(
                    ChangeKind::ServerRemoved,
                    (RustImpact::Patch, WireImpact::Breaking),
                    "docs of `Client` no longer list the server".to_owned(),
                    format!("server `{url}` removed"),
                    (server_at(&old_urls, url).as_deref(), Some("/servers")),
                );
            }
        }
        for url in &new_urls {
            if !old_urls.contains(url) && !first(&new_urls, url) {
                self.push(
                    ChangeKind::ServerAdded,
                    (RustImpact::Patch, WireImpact::Compatible),
                    "docs of `Client` list the server".to_owned(),
                    format!("server `{url}` added"),
                    (Some("/servers"), server_at(&new_urls, url).as_deref()),
                );
            }
        }
    }

    fn compare_schemes(&mut self) {
        let (old, new) = (self.old, self.new);
        let at = |name: &str| format!("/components/securitySchemes/{}", escape(name));
        for scheme in &old.security_schemes {
            match new.security_schemes.iter().find(|s| s.name == scheme.name) {
                None => self.push(
                    ChangeKind::SecuritySchemeRemoved,
                    (RustImpact::Patch, WireImpact::None),
                    format!("module docs no longer describe scheme `{}`", scheme.name),
                    format!("security scheme `{}` removed", scheme.name),
                    (Some(&at(&scheme.name)), Some("/components")),
                ),
                Some(now) if now.kind != scheme.kind => self.push(
                    ChangeKind::SecuritySchemeChanged,
                    (RustImpact::Patch, WireImpact::Breaking),
                    format!(
                        "credentials of scheme `{}` are sent differently",
                        scheme.name
                    ),
                    format!(
                        "security scheme `{}` changed how credentials travel",
                        scheme.name
                    ),
                    (Some(&at(&scheme.name)), Some(&at(&now.name))),
                ),
                Some(now) if now.description != scheme.description => self.docs(
                    ChangeKind::SecuritySchemeDocsChanged,
                    format!("scheme `{}`", scheme.name),
                    format!("description of security scheme `{}` edited", scheme.name),
                    (&at(&scheme.name), &at(&now.name)),
                ),
                Some(_) => {}
            }
        }
        for scheme in &new.security_schemes {
            if !old.security_schemes.iter().any(|s| s.name == scheme.name) {
                self.push(
                    ChangeKind::SecuritySchemeAdded,
                    (RustImpact::Patch, WireImpact::None),
                    format!("module docs describe scheme `{}`", scheme.name),
                    format!("security scheme `{}` added", scheme.name),
                    (Some("/components"), Some(&at(&scheme.name))),
                );
            }
        }
    }
}
