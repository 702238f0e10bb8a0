using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using GraphQLParser.AST;
using GraphQLParser.Visitors;

namespace BwpOrders.Server.GraphQL;

/// <summary>
/// A schema printed as SDL with GraphQL.NET's own exporter and printer: every type (custom scalars such as
/// <c>Decimal</c> declared), descriptions, and deprecations, of arguments and input fields too. The spec's own
/// directives are left out, as graphql-js prints them, since every GraphQL tool knows them.
/// </summary>
public static class SchemaSdl
{
    private static readonly HashSet<string> SpecDirectives = [BwpSchema.SpecifiedByDirective.DirectiveName, BwpSchema.OneOfDirective.DirectiveName];

    public static string Print(ISchema schema)
    {
        var document = schema.ToAST();
        document.Definitions.RemoveAll(d => d is GraphQLDirectiveDefinition directive && SpecDirectives.Contains(directive.Name.StringValue));
        using var writer = new StringWriter();
        // Synchronous underneath: the writer is in memory.
        new SDLPrinter(new SDLPrinterOptions()).PrintAsync(document, writer).AsTask().GetAwaiter().GetResult();
        return writer.ToString();
    }
}
