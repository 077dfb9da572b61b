//! Cargo features per tag: which feature compiles each operation, and each
//! type by the tags whose operations reach it, so a crate's user compiles
//! only the parts of an API they call.
//!
//! A feature is named after its tag (`repos`), or after its spec and tag
//! (`github-repos`) in a crate of several specs. crates.io allows 300
//! features, so when a crate's tags would need more, tags next to each other
//! in name order share one (`actions-to-billing`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{Api, TypeId, TypeKind, TypeRef};
use crate::name;

/// The most features a crate on crates.io may have.
pub(crate) const MAX_FEATURES: usize = 300;

/// The cargo features any one of which compiles an item; none means the item
/// compiles whenever its module does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Gate {
    /// In name order.
    pub features: Vec<String>,
}

impl Gate {
    /// Whether the item compiles with its module, whatever the features.
    pub(crate) fn is_open(&self) -> bool {
        self.features.is_empty()
    }

    /// Compiled when any of `gates` is: open if any of them is.
    pub(crate) fn union<'g>(gates: impl IntoIterator<Item = &'g Gate>) -> Gate {
        let mut features = BTreeSet::new();
        for gate in gates {
            if gate.is_open() {
                return Gate::default();
            }
            features.extend(gate.features.iter().cloned());
        }
        Gate {
            features: features.into_iter().collect(),
        }
    }
}

/// A cargo feature that compiles the operations of some tags.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TagFeature {
    pub name: String,
    /// The tags, as the spec writes them, in name order.
    pub tags: Vec<String>,
}

/// Names a feature per tag (or group of tags) of each API, and gates each
/// operation and type. Features of the whole crate (`default`, `full`,
/// `fake`, one per module) leave room for the tags' within [`MAX_FEATURES`].
pub(crate) fn assign(apis: &mut [Api]) {
    let mut taken: BTreeSet<String> = crate::name::reserved::CRATE_FEATURES
        .iter()
        .map(|f| (*f).to_owned())
        .collect();
    taken.extend(apis.iter().map(|api| api.feature.clone()));
    let budget = MAX_FEATURES.saturating_sub(taken.len());
    let tags: Vec<BTreeMap<String, Vec<String>>> = apis.iter().map(tags_by_slug).collect();
    let total: usize = tags.iter().map(BTreeMap::len).sum();
    let prefixed = apis.len() > 1;
    for (api, tags) in apis.iter_mut().zip(tags) {
        let quota = if total <= budget {
            tags.len()
        } else {
            (budget * tags.len() / total).max(1)
        };
        let features = name_features(group(tags, quota), &api.feature, prefixed, &mut taken);
        gate(api, features);
    }
}

/// The tags operations use, by the slug their feature is named from; tags
/// that differ only in case or punctuation share a slug.
fn tags_by_slug(api: &Api) -> BTreeMap<String, Vec<String>> {
    let mut by_slug: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for tag in api.operations.iter().flat_map(|op| &op.tags) {
        let tags = by_slug.entry(name::tag_feature(tag)).or_default();
        if !tags.contains(tag) {
            tags.push(tag.clone());
            tags.sort();
        }
    }
    by_slug
}

/// At most `quota` groups of consecutive slugs, each named after its first
/// and last.
fn group(tags: BTreeMap<String, Vec<String>>, quota: usize) -> Vec<(String, Vec<String>)> {
    let tags: Vec<(String, Vec<String>)> = tags.into_iter().collect();
    if tags.len() <= quota {
        return tags;
    }
    let size = tags.len().div_ceil(quota.max(1));
    tags.chunks(size)
        .map(|chunk| {
            let first = &chunk[0].0;
            let last = &chunk[chunk.len() - 1].0;
            let name = if chunk.len() == 1 {
                first.clone()
            } else {
                format!("{first}-to-{last}")
            };
            let mut members: Vec<String> = chunk.iter().flat_map(|(_, t)| t.clone()).collect();
            members.sort();
            (name, members)
        })
        .collect()
}

/// Final, unique names: prefixed with the module's feature in a crate of
/// several specs, and suffixed where a name is already taken.
fn name_features(
    groups: Vec<(String, Vec<String>)>,
    module: &str,
    prefixed: bool,
    taken: &mut BTreeSet<String>,
) -> Vec<TagFeature> {
    groups
        .into_iter()
        .map(|(slug, tags)| {
            let stem = if prefixed {
                format!("{module}-{slug}")
            } else {
                slug
            };
            let mut name = stem.clone();
            let mut n = 2;
            while taken.contains(&name) {
                name = format!(
                    "{stem}-tag{}",
                    if n == 2 { String::new() } else { n.to_string() }
                );
                n += 1;
            }
            taken.insert(name.clone());
            TagFeature { name, tags }
        })
        .collect()
}

/// Gates each operation by its tags' features and each type by the features
/// of the operations that reach it: open if an untagged operation reaches
/// it or every feature does. A schema no operation uses (say, a webhook's
/// payload) compiles with the module's own feature, which turns on every
/// tag, so what it refers to compiles with it whatever its own gate.
fn gate(api: &mut Api, features: Vec<TagFeature>) {
    let feature_of: HashMap<&str, &str> = features
        .iter()
        .flat_map(|f| f.tags.iter().map(|t| (t.as_str(), f.name.as_str())))
        .collect();
    for op in &mut api.operations {
        let names: BTreeSet<&str> = op
            .tags
            .iter()
            .filter_map(|t| feature_of.get(t.as_str()).copied())
            .collect();
        op.gate = Gate {
            features: names.into_iter().map(str::to_owned).collect(),
        };
    }
    let mut reached_by: HashMap<TypeId, Vec<&Gate>> = HashMap::new();
    for op in &api.operations {
        for id in api.types.reachable(op.type_refs()) {
            reached_by.entry(id).or_default().push(&op.gate);
        }
    }
    let unused = Gate {
        features: vec![api.feature.clone()],
    };
    let all = features.len();
    api.type_gates = if features.is_empty() {
        HashMap::new()
    } else {
        api.types
            .ids()
            .into_iter()
            .map(|id| {
                // An alias no operation reaches (one a merge left for a
                // name's sake) compiles exactly when what it names does.
                let target = match api.types.get(id).map(|def| &def.kind) {
                    Some(TypeKind::Alias(TypeRef::Named(target))) => Some(*target),
                    _ => None,
                };
                let gates = reached_by.get(&id).or_else(|| reached_by.get(&target?));
                match gates {
                    Some(gates) => (id, Gate::union(gates.iter().copied())),
                    None => (id, unused.clone()),
                }
            })
            .filter(|(_, gate)| !gate.is_open() && gate.features.len() < all)
            .collect()
    };
    api.tag_features = features;
}
