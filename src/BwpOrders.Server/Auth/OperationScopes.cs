using BwpOrders.Domain.Access;
using BwpOrders.Server.Api;
using GraphQLParser.AST;

namespace BwpOrders.Server.Auth;

/// <summary>
/// The scopes each root field needs, as BwP's reference pages print them under "Required scope(s)": mutations need
/// Edit Order Data and queries View Order Data, except where a page names others (each module's <see cref="IApiModule.Scopes"/>).
/// Introspection needs none.
/// </summary>
public static class OperationScopes
{
    public static void Check(Caller caller, GraphQLOperationDefinition operation, GraphQLDocument document)
    {
        foreach (var field in RootFields(operation, document).Where(n => !n.StartsWith("__")))
        {
            var needed = ApiModules.Scopes.GetValueOrDefault(field) ?? [operation.Operation == OperationType.Mutation ? Scopes.EditOrderData : Scopes.ViewOrderData];
            foreach (var scope in needed) AccessGuard.CheckScope(caller, scope, field);
        }
    }

    /// <summary>The root fields an operation selects, including those inside fragments (spread or inline).</summary>
    public static IEnumerable<string> RootFields(GraphQLOperationDefinition operation, GraphQLDocument document) =>
        RootFields(operation.SelectionSet, document, []);

    private static IEnumerable<string> RootFields(GraphQLSelectionSet set, GraphQLDocument document, HashSet<string> fragmentsSeen)
    {
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    yield return field.Name.StringValue;
                    break;
                case GraphQLInlineFragment inline:
                    foreach (var name in RootFields(inline.SelectionSet, document, fragmentsSeen)) yield return name;
                    break;
                case GraphQLFragmentSpread spread when fragmentsSeen.Add(spread.FragmentName.Name.StringValue):
                    var fragment = document.Definitions.OfType<GraphQLFragmentDefinition>()
                        .FirstOrDefault(f => f.FragmentName.Name.StringValue == spread.FragmentName.Name.StringValue);
                    if (fragment is null) yield return "?"; // validation reports the unknown fragment; never let it pass unchecked
                    else foreach (var name in RootFields(fragment.SelectionSet, document, fragmentsSeen)) yield return name;
                    break;
            }
        }
    }
}
