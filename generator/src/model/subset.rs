//! Subset generation: only the operations a caller asks for, by tag or by
//! operation, and only the types they use. Names are decided on the whole
//! spec first, so a method is called the same in a subset as in the full
//! client.

use std::collections::HashSet;

use super::{Api, Operation};
use crate::options::Subset;

/// Keeps the operations `subset` selects and the types they reach; returns
/// the tags and operation patterns that selected something.
pub(crate) fn apply(api: &mut Api, subset: &Subset) -> HashSet<String> {
    let mut matched = HashSet::new();
    if subset.is_all() {
        return matched;
    }
    api.operations.retain(|op| {
        let tags: Vec<&String> = subset
            .tags()
            .iter()
            .filter(|t| op.tags.contains(t))
            .collect();
        let patterns: Vec<&String> = subset
            .operations()
            .iter()
            .filter(|p| selects(p, op))
            .collect();
        let keep = !tags.is_empty() || !patterns.is_empty();
        matched.extend(tags.into_iter().chain(patterns).cloned());
        keep
    });
    let reachable = api
        .types
        .reachable(api.operations.iter().flat_map(|op| op.type_refs()));
    api.types.retain(&reachable);
    matched
}

/// Whether `pattern` (an operationId, a method name, or a path glob with an
/// optional method) names `op`.
pub(crate) fn selects(pattern: &str, op: &Operation) -> bool {
    let pattern = pattern.trim();
    let (method, path) = match pattern.split_once(' ') {
        Some((method, path)) => (Some(method), path.trim()),
        None => (None, pattern),
    };
    if path.starts_with('/') {
        let method_ok = method.is_none_or(|m| m.eq_ignore_ascii_case(&op.http_method));
        return method_ok && glob(path, &op.path);
    }
    method.is_none() && (pattern == op.operation_id || pattern == op.method_name)
}

/// `*` matches any text, everything else itself.
fn glob(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn globs_match_any_text_at_each_star() {
        assert!(glob("/repos/*", "/repos/{owner}/{repo}"));
        assert!(glob("/repos/*/issues*", "/repos/{owner}/{repo}/issues/{n}"));
        assert!(glob("/pets/{petId}", "/pets/{petId}"));
        assert!(!glob("/pets/{petId}", "/pets/{petId}/toys"));
        assert!(!glob("/repos/*/pulls", "/repos/a/issues"));
        assert!(glob("*", "/anything"));
        assert!(!glob("/a*b*c", "/abx"));
    }
}
