using GraphQL.Types;
using GraphQL.Utilities;
using GraphQLParser.AST;

namespace BwpOrders.Server.GraphQL;

/// <summary>
/// GraphQL.NET's SDL schema builder, with the one allowance BwP's own documentation needs: the 2024-11-01 guide
/// "Request order cancellation" sends <c>reason: "ORDERED_BY_MISTAKE"</c> (a string) where the reference declares
/// the enum <c>CancellationReasonInput</c>, and shows it succeeding (its webhook guide likewise sends
/// <c>method: "POST"</c>). Enums listed here also take a string literal
/// naming one of their values; introspection still shows them as enums. The schema it builds is a
/// <see cref="BwpSchema"/>, introspected as the spec defines.
/// </summary>
public sealed class BwpSchemaBuilder : SchemaBuilder
{
    private static readonly HashSet<string> EnumsTakingStrings = ["CancellationReasonInput", "HttpMethod"];

    protected override Schema CreateSchema() => new BwpSchema(ServiceProvider, RunConfigurations);

    protected override EnumerationGraphType ToEnumerationType(GraphQLEnumTypeDefinition enumDef)
    {
        var type = base.ToEnumerationType(enumDef);
        if (!EnumsTakingStrings.Contains(type.Name)) return type;
        var lenient = new StringLiteralEnumerationGraphType { Name = type.Name, Description = type.Description };
        foreach (var value in type.Values) lenient.Add(value);
        return lenient;
    }

    private sealed class StringLiteralEnumerationGraphType : EnumerationGraphType
    {
        public override bool CanParseLiteral(GraphQLValue value) =>
            value is GraphQLStringValue s ? Values.FindByName(s.Value.ToString()) is not null : base.CanParseLiteral(value);

        public override object? ParseLiteral(GraphQLValue value) =>
            value is GraphQLStringValue s && Values.FindByName(s.Value.ToString()) is { } found ? found.Value : base.ParseLiteral(value);
    }
}
