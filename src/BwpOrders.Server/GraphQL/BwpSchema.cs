using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQLParser.AST;

namespace BwpOrders.Server.GraphQL;

/// <summary>
/// A version's schema, introspected as the GraphQL spec (October 2021 and the current draft) defines it, so every
/// client's introspection query (graphql-js, GraphiQL, codegen) is answered. GraphQL.NET 8 does most of it behind
/// its <see cref="Schema.Features"/> switches and always has <c>__Type.isOneOf</c>; this adds what it lacks:
/// <c>__Type.specifiedByURL</c> with the <c>@specifiedBy</c> directive, <c>__Directive.args(includeDeprecated:)</c>,
/// and declares <c>@oneOf</c> (which it already enforces) among the directives.
/// </summary>
public sealed class BwpSchema : Schema
{
    public BwpSchema(IServiceProvider services, bool runConfigurations) : base(services, runConfigurations)
    {
        Features.RepeatableDirectives = true;
        Features.DeprecationOfInputValues = true;
        Directives.Register(new SpecifiedByDirective(), new OneOfDirective());
    }

    protected override void OnBeforeInitializeType(IGraphType graphType)
    {
        if (graphType is global::GraphQL.Introspection.__Type type) AddSpecifiedByUrl(type);
        else if (graphType is global::GraphQL.Introspection.__Directive directive) LetArgsIncludeDeprecated(directive);
    }

    private static void AddSpecifiedByUrl(IComplexGraphType type)
    {
        if (type.HasField("specifiedByURL")) return;
        type.AddField(new FieldType
        {
            Name = "specifiedByURL",
            Type = typeof(StringGraphType),
            Resolver = new FuncFieldResolver<object?>(context => context.Source is ScalarGraphType scalar
                ? scalar.FindAppliedDirective(SpecifiedByDirective.DirectiveName)?.FindArgument("url")?.Value as string
                : null),
        });
    }

    /// <summary>The draft's <c>args(includeDeprecated: Boolean = false)</c>, as on <c>__Field.args</c>.</summary>
    private static void LetArgsIncludeDeprecated(IComplexGraphType type)
    {
        var args = type.GetField("args") ?? throw new InvalidOperationException("GraphQL.NET's __Directive has no 'args' field: review BwpSchema against the GraphQL package version.");
        if (args.Arguments?.Find("includeDeprecated") is not null) return;
        args.Arguments ??= [];
        args.Arguments.Add(new QueryArgument<BooleanGraphType> { Name = "includeDeprecated", DefaultValue = false });
        args.Resolver = new FuncFieldResolver<object?>(context =>
        {
            IEnumerable<QueryArgument> all = ((Directive)context.Source!).Arguments ?? [];
            return context.GetArgument<bool>("includeDeprecated") ? all.ToList() : all.Where(a => string.IsNullOrWhiteSpace(a.DeprecationReason)).ToList();
        });
    }

    /// <summary><c>directive @specifiedBy(url: String!) on SCALAR</c>: where a custom scalar's behaviour is specified.</summary>
    public sealed class SpecifiedByDirective : Directive
    {
        public const string DirectiveName = "specifiedBy";

        public SpecifiedByDirective() : base(DirectiveName, DirectiveLocation.Scalar)
        {
            Description = "Exposes a URL that specifies the behavior of this scalar.";
            Arguments = new QueryArguments(new QueryArgument<NonNullGraphType<StringGraphType>> { Name = "url", Description = "The URL that specifies the behavior of this scalar." });
        }

        public override bool? Introspectable => true;
    }

    /// <summary><c>directive @oneOf on INPUT_OBJECT</c>: exactly one field of the input object is given.</summary>
    public sealed class OneOfDirective : Directive
    {
        public const string DirectiveName = "oneOf";

        public OneOfDirective() : base(DirectiveName, DirectiveLocation.InputObject) =>
            Description = "Indicates exactly one field must be supplied and this field must not be `null`.";

        public override bool? Introspectable => true;
    }
}
