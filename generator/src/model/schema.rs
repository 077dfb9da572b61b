//! Schemas to Rust types.

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind, Type,
    VariantOrUnknownOrEmpty,
};

use super::build::Builder;
use super::{Docs, EnumVariant, Field, TypeDef, TypeKind, TypeRef};
use crate::diagnostics::Pointer;
use crate::name::{self, Namespace};

impl Builder<'_> {
    /// Defines the named type `rust` (a component schema): a struct or enum
    /// when the schema is one, otherwise an alias.
    pub(super) fn define_named(&mut self, rust: &str, schema: &ReferenceOr<Schema>, at: &Pointer) {
        let ty = match schema {
            ReferenceOr::Item(schema) => match Definition::of(schema) {
                Some(definition) => {
                    self.define_type(rust.to_owned(), schema, definition, at);
                    return;
                }
                None => self.type_of_inline(schema, at, rust),
            },
            _ => self.type_of(schema, at, rust),
        };
        let docs = match schema {
            ReferenceOr::Item(s) => schema_docs(s),
            ReferenceOr::Reference { reference } => {
                Docs::from_parts([Some(&*format!("Same as `{reference}`."))])
            }
        };
        self.types.push(TypeDef {
            name: rust.to_owned(),
            docs,
            kind: TypeKind::Alias(ty),
        });
    }

    /// The Rust type for a schema met at `at`. Inline objects and enums get a
    /// new named type; `context` is the name they take if they have no title.
    pub(super) fn type_of(
        &mut self,
        schema: &ReferenceOr<Schema>,
        at: &Pointer,
        context: &str,
    ) -> TypeRef {
        match schema {
            ReferenceOr::Reference { reference } => self.type_of_reference(reference, at),
            ReferenceOr::Item(schema) => self.type_of_inline(schema, at, context),
        }
    }

    fn type_of_boxed(
        &mut self,
        schema: &ReferenceOr<Box<Schema>>,
        at: &Pointer,
        context: &str,
    ) -> TypeRef {
        match schema {
            ReferenceOr::Reference { reference } => self.type_of_reference(reference, at),
            ReferenceOr::Item(schema) => self.type_of_inline(schema, at, context),
        }
    }

    fn type_of_reference(&mut self, reference: &str, at: &Pointer) -> TypeRef {
        let component = reference
            .strip_prefix("#/components/schemas/")
            .and_then(|name| self.component_types.get(name));
        match component {
            Some(rust) => TypeRef::Named(rust.clone()),
            None => {
                self.diagnostics.error(
                    at,
                    format!("`$ref: {reference}` is not supported: only references to components/schemas entries are"),
                );
                TypeRef::Json
            }
        }
    }

    fn type_of_inline(&mut self, schema: &Schema, at: &Pointer, context: &str) -> TypeRef {
        if let Some(definition) = Definition::of(schema) {
            let wanted = schema
                .schema_data
                .title
                .as_deref()
                .map_or_else(|| name::pascal(context), name::pascal);
            let rust = self.type_names.claim(wanted);
            self.define_type(rust.clone(), schema, definition, at);
            return TypeRef::Named(rust);
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(_)) => TypeRef::String,
            SchemaKind::Type(Type::Boolean(_)) => TypeRef::Bool,
            SchemaKind::Type(Type::Integer(i)) => match i.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => TypeRef::I32,
                _ => TypeRef::I64,
            },
            SchemaKind::Type(Type::Number(n)) => match n.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => TypeRef::F32,
                _ => TypeRef::F64,
            },
            SchemaKind::Type(Type::Array(a)) => match &a.items {
                Some(items) => {
                    let item =
                        self.type_of_boxed(items, &at.join("items"), &format!("{context}Item"));
                    TypeRef::List(Box::new(item))
                }
                None => TypeRef::List(Box::new(TypeRef::Json)),
            },
            SchemaKind::Type(Type::Object(o)) => match &o.additional_properties {
                Some(AdditionalProperties::Schema(value)) => {
                    let value = self.type_of(
                        value,
                        &at.join("additionalProperties"),
                        &format!("{context}Value"),
                    );
                    TypeRef::Map(Box::new(value))
                }
                _ => TypeRef::JsonObject,
            },
            SchemaKind::Any(_) => TypeRef::Json,
            SchemaKind::OneOf { .. } => self.unsupported(at, "oneOf"),
            SchemaKind::AnyOf { .. } => self.unsupported(at, "anyOf"),
            SchemaKind::AllOf { .. } => self.unsupported(at, "allOf"),
            SchemaKind::Not { .. } => self.unsupported(at, "not"),
        }
    }

    fn unsupported(&mut self, at: &Pointer, feature: &str) -> TypeRef {
        self.diagnostics
            .error(at, format!("`{feature}` schemas are not supported yet"));
        TypeRef::Json
    }

    fn define_type(
        &mut self,
        rust: String,
        schema: &Schema,
        definition: Definition<'_>,
        at: &Pointer,
    ) {
        let kind = match definition {
            Definition::Struct {
                properties,
                required,
            } => TypeKind::Struct {
                fields: self.fields(&rust, properties, required, at),
            },
            Definition::StringEnum(values) => TypeKind::StringEnum {
                variants: enum_variants(values.iter().flatten()),
            },
        };
        self.types.push(TypeDef {
            name: rust,
            docs: schema_docs(schema),
            kind,
        });
    }

    fn fields(
        &mut self,
        parent: &str,
        properties: &Properties,
        required: &[String],
        at: &Pointer,
    ) -> Vec<Field> {
        let mut names = Namespace::default();
        let mut fields = Vec::with_capacity(properties.len());
        for (wire_name, schema) in properties {
            let at = at.join("properties").join(wire_name);
            let ty = self.type_of_boxed(schema, &at, &format!("{parent} {wire_name}"));
            let data = match schema {
                ReferenceOr::Item(s) => Some(&s.schema_data),
                ReferenceOr::Reference { .. } => None,
            };
            fields.push(Field {
                name: names.claim(name::snake(wire_name)),
                wire_name: wire_name.clone(),
                ty,
                optional: !required.contains(wire_name),
                nullable: data.is_some_and(|d| d.nullable),
                read_only: data.is_some_and(|d| d.read_only),
                docs: data.map_or_else(Docs::default, |d| {
                    Docs::from_parts([d.title.as_deref(), d.description.as_deref()])
                }),
            });
        }
        fields
    }
}

type Properties = indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>;

/// A schema that becomes a named Rust type rather than a built-in one.
enum Definition<'s> {
    Struct {
        properties: &'s Properties,
        required: &'s [String],
    },
    StringEnum(&'s [Option<String>]),
}

impl<'s> Definition<'s> {
    fn of(schema: &'s Schema) -> Option<Self> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) if !o.properties.is_empty() => Some(Self::Struct {
                properties: &o.properties,
                required: &o.required,
            }),
            SchemaKind::Any(a) if !a.properties.is_empty() => Some(Self::Struct {
                properties: &a.properties,
                required: &a.required,
            }),
            SchemaKind::Type(Type::String(s)) if !s.enumeration.is_empty() => {
                Some(Self::StringEnum(&s.enumeration))
            }
            _ => None,
        }
    }
}

fn enum_variants<'a>(values: impl Iterator<Item = &'a String>) -> Vec<EnumVariant> {
    // `Unknown` is the fallback variant every generated enum has.
    let mut names = Namespace::with_reserved(&["Unknown"]);
    values
        .map(|value| EnumVariant {
            name: names.claim(name::pascal(value)),
            wire_value: value.clone(),
        })
        .collect()
}

fn schema_docs(schema: &Schema) -> Docs {
    let data = &schema.schema_data;
    Docs::from_parts([data.title.as_deref(), data.description.as_deref()])
}
