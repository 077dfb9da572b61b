//! The form types multipart bodies are sent as: a struct whose binary
//! properties are files (the runtime's `Upload`), written part by part.

use std::collections::{HashMap, HashSet};

use super::graph::{TypeId, TypeKind, TypeRef};
use super::{Api, BodyKind, FormPart};

/// Gives every multipart body a form type: its struct with the file
/// properties typed as files. A struct nothing else uses becomes one in
/// place; one that other bodies, responses or types also use is copied as
/// `<Name>Form`. A body with no struct (no schema, or not an object with
/// properties) stays a form the caller builds.
pub(super) fn form_types(api: &mut Api) {
    let elsewhere = used_outside_multipart(api);
    // Each struct's form type, once made.
    let mut made: HashMap<TypeId, TypeId> = HashMap::new();
    for op in 0..api.operations.len() {
        let Some(body) = &api.operations[op].body else {
            continue;
        };
        for content in 0..body.content.len() {
            let BodyKind::Multipart {
                ty: Some(ty),
                parts,
            } = &api.operations[op].body.as_ref().expect("checked").content[content].kind
            else {
                continue;
            };
            let Some(id) = api.types.unalias(ty.non_null()).non_null().named() else {
                continue;
            };
            let form = match made.get(&id) {
                Some(form) => *form, // Another operation's form already.
                None => {
                    let Some(form) = make_form(api, id, elsewhere.contains(&id), parts.clone())
                    else {
                        continue;
                    };
                    made.insert(id, form);
                    form
                }
            };
            // The body names the form type itself, not an alias of it.
            let body = api.operations[op].body.as_mut().expect("checked");
            if let BodyKind::Multipart { ty: Some(ty), .. } = &mut body.content[content].kind {
                *ty = TypeRef::Named(form);
            }
        }
    }
}

/// The form type of the struct `id`: the struct itself, or, where other
/// places use it too, a copy named `<Name>Form`; its file properties typed
/// as files. `None` if `id` is no struct.
fn make_form(
    api: &mut Api,
    id: TypeId,
    used_elsewhere: bool,
    parts: Vec<FormPart>,
) -> Option<TypeId> {
    let mut def = api.types.get(id).cloned()?;
    let TypeKind::Struct { fields } = &mut def.kind else {
        return None;
    };
    for field in fields {
        // A part is there or not: a form has no `null`.
        field.nullable = false;
        let file = parts.iter().find(|p| p.name == field.wire_name);
        match file.and_then(|p| p.file) {
            Some(false) => field.ty = TypeRef::File,
            Some(true) => field.ty = TypeRef::List(Box::new(TypeRef::File)),
            None => continue,
        }
        field.format = None;
        field.boxed = false;
    }
    def.form_parts = Some(parts);
    let form = if used_elsewhere {
        let copy = api.types.declare_like(format!("{}Form", def.name), id);
        def.name = api.types.name(copy).to_owned();
        def.inline = false;
        def.same_as = None;
        copy
    } else {
        id
    };
    api.types.define(form, def);
    Some(form)
}

/// The structs named anywhere but as a multipart body: in other types, in
/// parameters, in other bodies, in responses and headers. An alias is a
/// name for the type it aliases: a use of it is one of that type.
fn used_outside_multipart(api: &Api) -> HashSet<TypeId> {
    let mut used = HashSet::new();
    let mut record = |ty: &TypeRef| {
        ty.visit_named(&mut |id| {
            let named = TypeRef::Named(id);
            if let Some(target) = api.types.unalias(&named).non_null().named() {
                used.insert(target);
            }
        });
    };
    for (_, def) in api.types.iter() {
        if !matches!(def.kind, TypeKind::Alias(_)) {
            def.kind.members().into_iter().for_each(&mut record);
        }
    }
    for op in &api.operations {
        let forms: Vec<&TypeRef> = op
            .body
            .iter()
            .flat_map(|b| &b.content)
            .filter_map(|c| match &c.kind {
                BodyKind::Multipart { ty: Some(ty), .. } => Some(ty),
                _ => None,
            })
            .collect();
        for ty in op.type_refs() {
            if !forms.iter().any(|form| std::ptr::eq(*form, ty)) {
                record(ty);
            }
        }
    }
    used
}
