//! Passes over the whole model, run once every type and operation is built.
//! Each is a short function over the type graph.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use super::graph::{TypeGraph, TypeId, TypeKind};
use super::{Api, BodyKind, Docs};

/// Runs every pass, in the order they depend on each other: merging changes
/// which types exist, boxing and double `Option`s mark what remains.
pub(super) fn run(api: &mut Api) {
    merge_identical_inline_types(api);
    box_cycles(&mut api.types);
    mark_double_options(api);
}

/// Specs repeat the same inline schema in many places (GitHub's has hundreds
/// of identical `User` objects). Identical inline types, docs included, are
/// merged into the first, repeatedly, since merging children can make their
/// parents identical too.
fn merge_identical_inline_types(api: &mut Api) {
    loop {
        let mut gone: HashMap<TypeId, TypeId> = HashMap::new();
        let mut first: HashMap<(&TypeKind, &Docs, bool), TypeId> = HashMap::new();
        for (id, def) in api.types.iter().filter(|(_, def)| def.inline) {
            match first.entry((&def.kind, &def.docs, def.deprecated)) {
                Entry::Occupied(kept) => {
                    gone.insert(id, *kept.get());
                }
                Entry::Vacant(slot) => {
                    slot.insert(id);
                }
            }
        }
        drop(first);
        if gone.is_empty() {
            return;
        }
        api.types.remove(&gone);
        api.for_each_type_id_mut(|id| {
            if let Some(kept) = gone.get(id) {
                *id = *kept;
            }
        });
    }
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

/// In types sent as request bodies, an optional nullable property can mean
/// three things (leave alone, set to `null`, set to a value), so it becomes
/// `Option<Option<T>>`. Response-only types keep a plain `Option<T>`.
fn mark_double_options(api: &mut Api) {
    let mut pending: Vec<TypeId> = Vec::new();
    for content in api
        .operations
        .iter()
        .flat_map(|op| &op.body)
        .flat_map(|body| &body.content)
    {
        if let BodyKind::Json(ty) | BodyKind::Form(ty) = &content.kind {
            ty.visit_named(&mut |id| pending.push(id));
        }
    }
    let mut sent = HashSet::new();
    while let Some(id) = pending.pop() {
        if !sent.insert(id) {
            continue;
        }
        if let Some(def) = api.types.get(id) {
            for member in def.kind.members() {
                member.visit_named(&mut |id| pending.push(id));
            }
        }
    }
    for id in sent {
        if let Some(TypeKind::Struct { fields }) = api.types.get_mut(id).map(|d| &mut d.kind) {
            for field in fields {
                field.double_option = field.optional && field.nullable;
            }
        }
    }
}
