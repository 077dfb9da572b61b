//! Passes over the whole model, run once every type and operation is built.
//! Each is a short function over the type graph.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use super::graph::{Constructor, TypeGraph, TypeId, TypeKind};
use super::{Api, Direction, Docs, ModelOptions, directions};

/// Runs every pass, in the order they depend on each other: merging changes
/// which types exist; boxing, one-way requirements and double `Option`s
/// mark what remains (a relaxed requirement can make a double `Option`).
pub(super) fn run(api: &mut Api, options: ModelOptions) {
    merge_identical_inline_types(api);
    box_cycles(&mut api.types);
    let directions = directions(api);
    relax_one_way_requirements(api, &directions);
    if options.lenient_responses {
        relax_response_requirements(api, &directions);
    }
    mark_double_options(api, &directions);
    give_constructors(api, &directions);
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

/// Structs a caller builds get constructors: those sent in requests, and
/// those no response reads (a types-only crate's, or a schema no operation
/// uses). Response-only structs are built by decoding.
fn give_constructors(api: &mut Api, directions: &HashMap<TypeId, Direction>) {
    let ids: Vec<TypeId> = api.types.iter().map(|(id, _)| id).collect();
    for id in ids {
        let direction = directions.get(&id).copied().unwrap_or_default();
        if direction.response && !direction.request {
            continue;
        }
        let Some(def) = api.types.get(id) else {
            continue;
        };
        let TypeKind::Struct { fields } = &def.kind else {
            continue;
        };
        let required = fields.iter().filter(|f| f.is_required_argument()).count();
        let init_struct =
            (required > MAX_CONSTRUCTOR_ARGUMENTS).then(|| format!("{}Init", def.name));
        let init_struct = init_struct.map(|name| api.types.claim_name(name));
        if let Some(def) = api.types.get_mut(id) {
            def.constructor = Some(Constructor { init_struct });
        }
    }
}

/// More required fields than this go in an `…Init` struct.
const MAX_CONSTRUCTOR_ARGUMENTS: usize = 3;
