//! Passes over the whole model, run once every type and operation is built.
//! Each is a short function over the type graph.

use std::collections::{HashMap, HashSet};

use super::graph::{Constructor, Travels, TypeGraph, TypeId, TypeKind, TypeRef};
use super::{Api, Direction, Docs, ModelOptions, directions, reachable};

/// Runs every pass, in the order they depend on each other: merging changes
/// which types exist; boxing, one-way requirements and double `Option`s
/// mark what remains (a relaxed requirement can make a double `Option`).
///
/// Returns the problems of names the caller pinned, each with where the
/// type is defined.
pub(super) fn run(api: &mut Api, options: &ModelOptions) -> Vec<(String, String)> {
    // First: a form type with files is no longer like any other type.
    if options.form_types {
        super::form_types::form_types(api);
    }
    merge_identical_inline_types(api);
    box_cycles(&mut api.types);
    let directions = directions(api);
    relax_one_way_requirements(api, &directions);
    if options.lenient_responses {
        relax_response_requirements(api, &directions);
    }
    mark_double_options(api, &directions);
    mark_travels(api, &directions);
    // After merging, which decides the names pins refer to; before
    // constructors, whose `…Init` structs take their type's name.
    let problems = options
        .type_names
        .iter()
        .filter_map(|(generated, pinned)| api.types.pin_name(generated, pinned).err())
        .collect();
    give_constructors(api, &directions);
    problems
}

/// Specs repeat the same inline schema in many places (GitHub's has hundreds
/// of identical `User` objects). Identical inline types, docs included, are
/// merged, repeatedly, since merging children can make their parents
/// identical too.
///
/// The merged type's name never depends on the order the spec is read in,
/// nor on which operations exist: see [`merged_name`]. Every type merged
/// into it stays as a `pub type` alias of it, so no name a site ever gave
/// stops compiling.
fn merge_identical_inline_types(api: &mut Api) {
    loop {
        let mut groups: HashMap<(&TypeKind, &Docs, bool), Vec<TypeId>> = HashMap::new();
        for (id, def) in api.types.iter().filter(|(_, def)| def.inline) {
            groups
                .entry((&def.kind, &def.docs, def.deprecated))
                .or_default()
                .push(id);
        }
        let mut groups: Vec<Vec<TypeId>> = groups
            .into_values()
            .filter(|members| members.len() > 1)
            .collect();
        if groups.is_empty() {
            return;
        }
        // Names are claimed in one order whatever the hash map's.
        groups.sort();
        let names: Vec<MergedName> = groups
            .iter()
            .map(|members| merged_name(&api.types, members))
            .collect();
        let mut gone: HashMap<TypeId, TypeId> = HashMap::new();
        for (members, name) in groups.into_iter().zip(unique_structural(names, &api.types)) {
            let kept = match name {
                MergedName::Member(kept) => kept,
                MergedName::Structural(name, _) => {
                    let first = members[0];
                    let id = api.types.declare_like(name, first);
                    let Some(mut def) = api.types.get(first).cloned() else {
                        continue;
                    };
                    def.name = api.types.name(id).to_owned();
                    api.types.define(id, def);
                    id
                }
            };
            gone.extend(
                members
                    .into_iter()
                    .filter(|id| *id != kept)
                    .map(|id| (id, kept)),
            );
        }
        api.for_each_type_id_mut(|id| {
            if let Some(kept) = gone.get(id) {
                *id = *kept;
            }
        });
        // A copy named after the same component or title (`Direction2`) was
        // never a name of its own: it goes. Any other keeps its name.
        let copies: HashMap<TypeId, TypeId> = gone
            .iter()
            .filter(|(member, kept)| is_copy_of(&api.types, **member, **kept))
            .map(|(member, kept)| (*member, *kept))
            .collect();
        api.types.remove(&copies);
        for (alias, kept) in gone {
            if copies.contains_key(&alias) {
                continue;
            }
            let kept_name = api.types.name(kept).to_owned();
            if let Some(def) = api.types.get_mut(alias) {
                def.kind = TypeKind::Alias(TypeRef::Named(kept));
                def.inline = false;
                def.docs = Docs::default();
                def.same_as = Some(kept_name);
            }
        }
    }
}

/// `member` was named after what `kept`'s name comes from too: the same
/// component or title, told apart by digits only.
fn is_copy_of(types: &TypeGraph, member: TypeId, kept: TypeId) -> bool {
    let stem = types
        .name(member)
        .trim_end_matches(|c: char| c.is_ascii_digit());
    types.has_shared_name(member) && types.has_shared_name(kept) && stem == types.name(kept)
}

/// What a group of identical types is called once merged.
enum MergedName {
    /// The name of this member.
    Member(TypeId),
    /// A new name from the type's shape, or else this member's.
    Structural(String, TypeId),
}

/// The first rule that applies: the name of a member named by what sites
/// share (the component it comes from, `Direction`, or a `title`); a name
/// from the shape of a small enum or `oneOf` of plain values (`AscOrDesc`,
/// `StringOrInteger`); else the smallest member name. Among several, the
/// smallest: shortest, then first in character order.
fn merged_name(types: &TypeGraph, members: &[TypeId]) -> MergedName {
    let smallest = |ids: &mut dyn Iterator<Item = TypeId>| {
        ids.min_by_key(|id| {
            let name = types.name(*id);
            (name.len(), name)
        })
    };
    let shared = smallest(
        &mut members
            .iter()
            .copied()
            .filter(|id| types.has_shared_name(*id)),
    );
    if let Some(shared) = shared {
        return MergedName::Member(shared);
    }
    let Some(first) = smallest(&mut members.iter().copied()) else {
        return MergedName::Member(members[0]);
    };
    match types.get(first).and_then(|def| structural_name(&def.kind)) {
        Some(name) => MergedName::Structural(name, first),
        None => MergedName::Member(first),
    }
}

/// A structural name only where one group alone wants it and no type has
/// it: otherwise which group got it, and which `…2`, would depend on the
/// order they were met in. The others take their smallest member's name.
fn unique_structural(names: Vec<MergedName>, types: &TypeGraph) -> Vec<MergedName> {
    let mut wanted: HashMap<String, usize> = HashMap::new();
    for name in &names {
        if let MergedName::Structural(name, _) = name {
            *wanted.entry(name.clone()).or_default() += 1;
        }
    }
    names
        .into_iter()
        .map(|name| match name {
            MergedName::Structural(structural, fallback)
                if wanted[&structural] > 1 || types.is_name_taken(&structural) =>
            {
                MergedName::Member(fallback)
            }
            other => other,
        })
        .collect()
}

/// `AscOrDesc` for a string enum of up to three values, `StringOrInteger`
/// for a `oneOf` of up to three plain values.
fn structural_name(kind: &TypeKind) -> Option<String> {
    let names: Vec<&str> = match kind {
        TypeKind::StringEnum { variants } => variants.iter().map(|v| v.name.as_str()).collect(),
        TypeKind::OneOf { variants, .. } if variants.iter().all(|v| v.ty.named().is_none()) => {
            variants.iter().map(|v| v.name.as_str()).collect()
        }
        _ => return None,
    };
    (2..=3).contains(&names.len()).then(|| {
        names
            .iter()
            .map(|name| name.trim_end_matches('_'))
            .collect::<Vec<_>>()
            .join("Or")
    })
}

/// Boxes fields and variants that close a cycle of types containing each
/// other by value (e.g. `Node { parent: Option<Node> }`). A `Vec` or map
/// already puts its items behind a pointer, so only direct members count.
fn box_cycles(types: &mut TypeGraph) {
    let edges: HashMap<TypeId, Vec<TypeId>> = types
        .iter()
        .map(|(id, def)| {
            let direct = def.kind.members().into_iter().filter_map(|ty| ty.named());
            (id, direct.collect())
        })
        .collect();
    let reaches = |from: TypeId, to: TypeId| {
        let mut seen = HashSet::new();
        let mut stack = vec![from];
        while let Some(node) = stack.pop() {
            if node == to {
                return true;
            }
            if seen.insert(node) {
                stack.extend(edges.get(&node).into_iter().flatten());
            }
        }
        false
    };
    for id in types.ids() {
        let Some(def) = types.get_mut(id) else {
            continue;
        };
        for member in def.kind.members_mut() {
            if let (Some(boxed), Some(target)) = (member.boxed, member.ty.named())
                && reaches(target, id)
            {
                *boxed = true;
            }
        }
    }
}

/// `readOnly` and `writeOnly` as OpenAPI defines them: a required read-only
/// property is required in responses only, a required write-only one in
/// requests only. In a type that travels the other way too, such a field
/// becomes optional: a caller need not invent a server-set `id`, and a
/// response without the `password` it never returns still decodes.
fn relax_one_way_requirements(api: &mut Api, directions: &HashMap<TypeId, Direction>) {
    for (id, direction) in directions {
        if let Some(TypeKind::Struct { fields }) = api.types.get_mut(*id).map(|d| &mut d.kind) {
            for field in fields {
                if (field.read_only && direction.request)
                    || (field.write_only && direction.response)
                {
                    field.optional = true;
                }
            }
        }
    }
}

/// The drift policy a caller may choose: servers leave out or send `null`
/// for properties their spec requires. In types only read, every required
/// field becomes optional (an `Option` that reads absent and `null` as
/// `None`); types that are sent keep their requirements, which bind the
/// caller.
fn relax_response_requirements(api: &mut Api, directions: &HashMap<TypeId, Direction>) {
    for (id, direction) in directions {
        if direction.request {
            continue;
        }
        if let Some(TypeKind::Struct { fields }) = api.types.get_mut(*id).map(|d| &mut d.kind) {
            for field in fields {
                field.optional = true;
                field.lenient = true;
            }
        }
    }
}

/// In types sent in requests, an optional nullable property can mean three
/// things (leave alone, set to `null`, set to a value), so it becomes
/// `Option<Option<T>>`. Response-only types keep a plain `Option<T>`.
fn mark_double_options(api: &mut Api, directions: &HashMap<TypeId, Direction>) {
    for (id, direction) in directions {
        if !direction.request {
            continue;
        }
        if let Some(TypeKind::Struct { fields }) = api.types.get_mut(*id).map(|d| &mut d.kind) {
            for field in fields {
                field.double_option = field.optional && field.nullable;
            }
        }
    }
}

/// Each type that travels one way only is marked so (see [`Travels`]). A
/// type no operation reaches (a webhook's, say) has both serde impls, and
/// so does every type inside it, which its impls use.
fn mark_travels(api: &mut Api, directions: &HashMap<TypeId, Direction>) {
    let unreached = api
        .types
        .iter()
        .map(|(id, _)| id)
        .filter(|id| !directions.contains_key(id))
        .collect();
    let both_ways = reachable(api, unreached);
    for (id, direction) in directions {
        let travels = match (direction.request, direction.response) {
            (false, true) if !both_ways.contains(id) => Travels::ReadOnly,
            (true, false) if !both_ways.contains(id) => Travels::SentOnly,
            _ => Travels::BothWays,
        };
        if let Some(def) = api.types.get_mut(*id) {
            def.travels = travels;
        }
    }
}

/// Structs a caller builds get constructors: those sent in requests, and
/// those no response reads (a types-only crate's, or a schema no operation
/// uses). Response-only structs are built by decoding, and by the tests
/// that give a fake its replies: theirs are the fake's alone.
fn give_constructors(api: &mut Api, directions: &HashMap<TypeId, Direction>) {
    let ids: Vec<TypeId> = api.types.iter().map(|(id, _)| id).collect();
    for id in ids {
        let direction = directions.get(&id).copied().unwrap_or_default();
        let fakes_only = direction.response && !direction.request;
        let Some(def) = api.types.get(id) else {
            continue;
        };
        let TypeKind::Struct { fields } = &def.kind else {
            continue;
        };
        let required = fields.iter().filter(|f| f.is_required_argument()).count();
        // `Error_` (a name kept clear of the crate's own) makes `ErrorInit`:
        // an underscore inside a type name is not camel case.
        let init_struct = (required > MAX_CONSTRUCTOR_ARGUMENTS)
            .then(|| format!("{}Init", def.name.trim_end_matches('_')));
        let init_struct = init_struct.map(|name| api.types.claim_name(name));
        if let Some(def) = api.types.get_mut(id) {
            def.constructor = Some(Constructor {
                init_struct,
                fakes_only,
            });
        }
    }
}

/// More required fields than this go in an `…Init` struct.
const MAX_CONSTRUCTOR_ARGUMENTS: usize = 3;
