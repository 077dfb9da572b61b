//! The kinds of change the review reports, each with the name the
//! Markdown and JSON reports (and the README's verdict table) give it.

/// Declares [`ChangeKind`] with each kind's name, and the list of all.
macro_rules! kinds {
    ($($kind:ident = $name:literal,)*) => {
        /// What changed. Reports name each kind as [`ChangeKind::as_str`]
        /// spells it, e.g. `operation-removed`; the README's verdict table
        /// says which verdicts each kind gets. New kinds may come in a
        /// minor version.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum ChangeKind {
            $(
                #[doc = concat!("`", $name, "`")]
                $kind,
            )*
        }

        impl ChangeKind {
            /// Every kind, in the order declared.
            pub const ALL: &'static [ChangeKind] = &[$(ChangeKind::$kind,)*];

            /// The kind's name in reports, e.g. `operation-removed`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ChangeKind::$kind => $name,)*
                }
            }
        }
    };
}

kinds! {
    AliasRetyped = "alias-retyped",
    ArgumentsReordered = "arguments-reordered",
    ConstraintLoosened = "constraint-loosened",
    ConstraintTightened = "constraint-tightened",
    DefaultServerChanged = "default-server-changed",
    DiscriminatorChanged = "discriminator-changed",
    EndpointMoved = "endpoint-moved",
    EnumValueAdded = "enum-value-added",
    EnumValueChanged = "enum-value-changed",
    EnumValueRemoved = "enum-value-removed",
    EnumValueRenamed = "enum-value-renamed",
    FieldAdded = "field-added",
    FieldDeprecated = "field-deprecated",
    FieldDocsChanged = "field-docs-changed",
    FieldFormatChanged = "field-format-changed",
    FieldNullableChanged = "field-nullable-changed",
    FieldRemoved = "field-removed",
    FieldRenamed = "field-renamed",
    FieldRequiredChanged = "field-required-changed",
    FieldRetyped = "field-retyped",
    FieldUndeprecated = "field-undeprecated",
    InfoChanged = "info-changed",
    MethodRenamed = "method-renamed",
    OperationAdded = "operation-added",
    OperationDeprecated = "operation-deprecated",
    OperationDocsChanged = "operation-docs-changed",
    OperationRemoved = "operation-removed",
    OperationUndeprecated = "operation-undeprecated",
    PagingAdded = "paging-added",
    PagingChanged = "paging-changed",
    PagingRemoved = "paging-removed",
    ParameterAdded = "parameter-added",
    ParameterDefaultChanged = "parameter-default-changed",
    ParameterDocsChanged = "parameter-docs-changed",
    ParameterRemoved = "parameter-removed",
    ParameterRenamed = "parameter-renamed",
    ParameterRequiredChanged = "parameter-required-changed",
    ParameterRetyped = "parameter-retyped",
    ParameterStyleChanged = "parameter-style-changed",
    RequestBodyAdded = "request-body-added",
    RequestBodyDocsChanged = "request-body-docs-changed",
    RequestBodyRemoved = "request-body-removed",
    RequestBodyRequiredChanged = "request-body-required-changed",
    RequestBodyRetyped = "request-body-retyped",
    RequestEncodingChanged = "request-encoding-changed",
    RequestMediaTypeAdded = "request-media-type-added",
    RequestMediaTypeRemoved = "request-media-type-removed",
    ResponseAdded = "response-added",
    ResponseBodyChanged = "response-body-changed",
    ResponseDocsChanged = "response-docs-changed",
    ResponseHeaderAdded = "response-header-added",
    ResponseHeaderDocsChanged = "response-header-docs-changed",
    ResponseHeaderRemoved = "response-header-removed",
    ResponseHeaderRequiredChanged = "response-header-required-changed",
    ResponseHeaderRetyped = "response-header-retyped",
    ResponseRemoved = "response-removed",
    SecurityChanged = "security-changed",
    SecuritySchemeAdded = "security-scheme-added",
    SecuritySchemeChanged = "security-scheme-changed",
    SecuritySchemeDocsChanged = "security-scheme-docs-changed",
    SecuritySchemeRemoved = "security-scheme-removed",
    SerdeImplAdded = "serde-impl-added",
    SerdeImplDropped = "serde-impl-dropped",
    ServerAdded = "server-added",
    ServerRemoved = "server-removed",
    SpecAdded = "spec-added",
    SpecRemoved = "spec-removed",
    StreamingMethodAdded = "streaming-method-added",
    StreamingMethodRemoved = "streaming-method-removed",
    TypeAdded = "type-added",
    TypeDeprecated = "type-deprecated",
    TypeDocsChanged = "type-docs-changed",
    TypeKindChanged = "type-kind-changed",
    TypeRemoved = "type-removed",
    TypeRenamed = "type-renamed",
    TypeUndeprecated = "type-undeprecated",
    VariantAdded = "variant-added",
    VariantRemoved = "variant-removed",
    VariantRenamed = "variant-renamed",
    VariantRetyped = "variant-retyped",
}

impl ChangeKind {
    /// Whether the change takes something out of the new spec (`…-removed`):
    /// its place is in the old spec only.
    pub fn is_removal(self) -> bool {
        matches!(
            self,
            ChangeKind::EnumValueRemoved
                | ChangeKind::FieldRemoved
                | ChangeKind::OperationRemoved
                | ChangeKind::PagingRemoved
                | ChangeKind::ParameterRemoved
                | ChangeKind::RequestBodyRemoved
                | ChangeKind::RequestMediaTypeRemoved
                | ChangeKind::ResponseHeaderRemoved
                | ChangeKind::ResponseRemoved
                | ChangeKind::SecuritySchemeRemoved
                | ChangeKind::ServerRemoved
                | ChangeKind::SpecRemoved
                | ChangeKind::StreamingMethodRemoved
                | ChangeKind::TypeRemoved
                | ChangeKind::VariantRemoved
        )
    }
}

impl std::fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
