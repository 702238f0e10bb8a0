using GraphQL;
using GraphQLParser.AST;

namespace BwpOrders.Server.Faults;

/// <summary>
/// The root fields an operation runs and the order each addresses, read from the document and the variables before
/// anything executes: <c>orderIdentifier: {orderId | alias | orderAlias}</c>, the same inside <c>input</c> (2024-04-01
/// cancelOrder), or <c>input.orderId</c> (2024-01-01 and 2024-04-01 updateOrder, 2024-01-01 updateOrderReturns).
/// </summary>
public static class RootCalls
{
    public static IReadOnlyList<RootCall> Of(GraphQLDocument document, GraphQLOperationDefinition operation, Inputs? variables)
    {
        var calls = new List<RootCall>();
        Collect(operation.SelectionSet, document, new Values(operation, variables), calls, depth: 0);
        return calls;
    }

    private static void Collect(GraphQLSelectionSet set, GraphQLDocument document, Values values, List<RootCall> calls, int depth)
    {
        if (depth > 10) return; // fragments spreading each other: validation refuses the cycle when the request runs
        foreach (var selection in set.Selections)
            switch (selection)
            {
                case GraphQLField field when !field.Name.StringValue.StartsWith("__"):
                    calls.Add(Call(field, values));
                    break;
                case GraphQLInlineFragment inline:
                    Collect(inline.SelectionSet, document, values, calls, depth + 1);
                    break;
                case GraphQLFragmentSpread spread when Fragment(document, spread.FragmentName.Name.StringValue) is { } fragment:
                    Collect(fragment.SelectionSet, document, values, calls, depth + 1);
                    break;
            }
    }

    private static GraphQLFragmentDefinition? Fragment(GraphQLDocument document, string name) =>
        document.Definitions.OfType<GraphQLFragmentDefinition>().FirstOrDefault(f => f.FragmentName.Name.StringValue == name);

    private static RootCall Call(GraphQLField field, Values values)
    {
        object? orderIdentifier = null, input = null;
        foreach (var argument in field.Arguments?.Items ?? [])
            if (argument.Name.StringValue == "orderIdentifier") orderIdentifier = values.Of(argument.Value);
            else if (argument.Name.StringValue == "input") input = values.Of(argument.Value);
        var identifier = orderIdentifier ?? Values.Get(input, "orderIdentifier");
        var alias = Values.Get(identifier, "alias") ?? Values.Get(identifier, "orderAlias");
        return new RootCall(
            field.Name.StringValue,
            (Values.Get(identifier, "orderId") ?? Values.Get(input, "orderId"))?.ToString(),
            alias is null ? null : new FaultAlias(Values.Get(alias, "aliasType")?.ToString() ?? "", Values.Get(alias, "aliasId")?.ToString() ?? ""));
    }

    /// <summary>Argument values as plain objects (strings, dictionaries), variables (or their defaults) put in.</summary>
    private sealed class Values(GraphQLOperationDefinition operation, Inputs? variables)
    {
        public object? Of(GraphQLValue value) => value switch
        {
            GraphQLVariable variable => Variable(variable.Name.StringValue),
            GraphQLStringValue text => text.Value.ToString(),
            GraphQLObjectValue obj => Object(obj),
            _ => null,
        };

        private Dictionary<string, object?> Object(GraphQLObjectValue obj)
        {
            var fields = new Dictionary<string, object?>();
            foreach (var field in obj.Fields ?? []) fields[field.Name.StringValue] = Of(field.Value);
            return fields;
        }

        private object? Variable(string name)
        {
            if (variables?.TryGetValue(name, out var given) == true) return given;
            var defined = operation.Variables?.Items.FirstOrDefault(v => v.Variable.Name.StringValue == name);
            return defined?.DefaultValue is { } fallback ? Of(fallback) : null;
        }

        public static object? Get(object? map, string key) => map switch
        {
            IDictionary<string, object?> d => d.TryGetValue(key, out var v) ? v : null,
            IReadOnlyDictionary<string, object?> r => r.TryGetValue(key, out var v) ? v : null,
            _ => null,
        };
    }
}
