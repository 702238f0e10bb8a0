using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;

namespace BwpOrders.Server.GraphQL;

/// <summary>
/// The one rule for which operation of a document a request runs. The endpoint checks scopes, limits and the GET
/// rule on the operation this selects, and <see cref="CheckedDocumentExecuter"/> executes with the same rule, so the
/// operation checked is the operation run whatever <c>operationName</c> says.
/// </summary>
public static class OperationSelection
{
    /// <summary>An empty or blank <c>operationName</c> names no operation (as a missing one): GraphQL.NET reads "" so too.</summary>
    public static string? Normalize(string? operationName) => string.IsNullOrWhiteSpace(operationName) ? null : operationName;

    /// <summary>
    /// The named operation, or the only one when none is named. A name matching nothing, no name with several
    /// operations, or a document without operations is a request error: nothing of the document runs.
    /// </summary>
    /// <exception cref="ExecutionError">GraphQL.NET's own request errors, answered as it answers them.</exception>
    public static GraphQLOperationDefinition Select(GraphQLDocument document, string? operationName)
    {
        var name = Normalize(operationName);
        GraphQLOperationDefinition? match = null;
        foreach (var definition in document.Definitions)
        {
            if (definition is not GraphQLOperationDefinition operation) continue;
            if (name is null)
            {
                if (match is not null) throw new NoOperationNameError();
                match = operation;
            }
            // The first of several with one name; validation refuses such a document before it runs.
            else if (operation.Name?.StringValue == name) return operation;
        }
        return match ?? (name is null ? throw new NoOperationError() : throw new InvalidOperationNameError(name));
    }
}
