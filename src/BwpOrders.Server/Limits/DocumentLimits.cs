using BwpOrders.Domain;
using GraphQL;
using GraphQLParser.AST;

namespace BwpOrders.Server.Limits;

/// <summary>
/// Checks a parsed GraphQL document against <see cref="RequestLimits"/> before anything executes:
/// depth, field count, root fields (alias amplification) and list lengths in arguments and variables.
/// </summary>
public static class DocumentLimits
{
    public static void Check(GraphQLOperationDefinition operation, GraphQLDocument document, Inputs? variables, RequestLimits limits)
    {
        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue);
        var rootFields = operation.SelectionSet.Selections.Count;
        if (rootFields > limits.MaxRootFields)
            throw Reject("MaxRootFieldsExceeded", $"The operation selects {rootFields} root fields; at most {limits.MaxRootFields} are allowed.");
        var fields = 0;
        Walk(operation.SelectionSet, 1, fragments, [], limits, ref fields);
        foreach (var (name, value) in variables ?? Inputs.Empty)
            CheckListLengths(value, $"${name}", limits.MaxListLength);
    }

    private static void Walk(GraphQLSelectionSet set, int depth, Dictionary<string, GraphQLFragmentDefinition> fragments,
        HashSet<string> fragmentPath, RequestLimits limits, ref int fields)
    {
        if (depth > limits.MaxQueryDepth)
            throw Reject("MaxQueryDepthExceeded", $"The query is nested deeper than {limits.MaxQueryDepth} levels.");
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    if (++fields > limits.MaxFieldCount)
                        throw Reject("MaxFieldCountExceeded", $"The operation selects more than {limits.MaxFieldCount} fields.");
                    foreach (var argument in field.Arguments?.Items ?? [])
                        CheckListLengths(argument.Value, argument.Name.StringValue, limits.MaxListLength);
                    if (field.SelectionSet is not null) Walk(field.SelectionSet, depth + 1, fragments, fragmentPath, limits, ref fields);
                    break;
                case GraphQLInlineFragment inline:
                    Walk(inline.SelectionSet, depth, fragments, fragmentPath, limits, ref fields);
                    break;
                // A fragment already on the path is a cycle; GraphQL validation reports it, we only must not loop.
                case GraphQLFragmentSpread spread when fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment)
                                                      && fragmentPath.Add(fragment.FragmentName.Name.StringValue):
                    Walk(fragment.SelectionSet, depth, fragments, fragmentPath, limits, ref fields);
                    fragmentPath.Remove(fragment.FragmentName.Name.StringValue);
                    break;
            }
        }
    }

    private static void CheckListLengths(object? value, string path, int max)
    {
        switch (value)
        {
            case GraphQLListValue list:
                if (list.Values?.Count > max) throw TooLong(path, max);
                foreach (var item in list.Values ?? []) CheckListLengths(item, path + "[]", max);
                break;
            case GraphQLObjectValue obj:
                foreach (var field in obj.Fields ?? []) CheckListLengths(field.Value, $"{path}.{field.Name.StringValue}", max);
                break;
            case IDictionary<string, object?> dict:
                foreach (var (key, item) in dict) CheckListLengths(item, $"{path}.{key}", max);
                break;
            case IList<object?> items:
                if (items.Count > max) throw TooLong(path, max);
                foreach (var item in items) CheckListLengths(item, path + "[]", max);
                break;
        }
    }

    private static BwpException TooLong(string path, int max) =>
        Reject("MaxListLengthExceeded", $"{path}: lists may hold at most {max} entries.");

    private static BwpException Reject(string code, string message) => BwpException.Validation(code, message);
}
