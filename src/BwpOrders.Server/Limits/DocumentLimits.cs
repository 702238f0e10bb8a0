using BwpOrders.Domain;
using GraphQL;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace BwpOrders.Server.Limits;

/// <summary>
/// Checks a GraphQL request against <see cref="RequestLimits"/> before anything executes: the number of tokens
/// (before any syntax tree is built), then the operation's depth, field count, root fields (alias
/// amplification), and list and string lengths in arguments and variables.
/// </summary>
public static class DocumentLimits
{
    /// <summary>
    /// Counts the query's lexical tokens without allocating, and refuses a query with more than
    /// <see cref="RequestLimits.MaxQueryTokens"/>: a huge document costs its parse (about 100 bytes of syntax
    /// tree per token) only when it is small enough to be legitimate.
    /// </summary>
    /// <returns>The token count, or null when the text is not lexically valid GraphQL (the parser reports it).</returns>
    public static int? CountTokens(string query, RequestLimits limits)
    {
        var source = (ROM)query;
        var tokens = 0;
        try
        {
            for (var token = Lexer.Lex(source, 0); token.Kind != TokenKind.EOF; token = Lexer.Lex(source, token.End))
                if (++tokens > limits.MaxQueryTokens)
                    throw Reject("MaxQueryTokensExceeded", $"The query has more than {limits.MaxQueryTokens} tokens; send a smaller document.");
        }
        catch (GraphQLSyntaxErrorException)
        {
            return null;
        }
        return tokens;
    }

    /// <summary>The selected operation's shape: root fields, depth, field count and argument literals.</summary>
    public static void CheckOperation(GraphQLOperationDefinition operation, GraphQLDocument document, RequestLimits limits)
    {
        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>()
            .GroupBy(f => f.FragmentName.Name.StringValue).ToDictionary(g => g.Key, g => g.First());
        var rootFields = operation.SelectionSet.Selections.Count;
        if (rootFields > limits.MaxRootFields)
            throw Reject("MaxRootFieldsExceeded", $"The operation selects {rootFields} root fields; at most {limits.MaxRootFields} are allowed.");
        var fields = 0;
        Walk(operation.SelectionSet, 1, fragments, [], limits, ref fields);
    }

    /// <summary>List and string lengths in the request's variables (they differ on every request).</summary>
    public static void CheckVariables(Inputs? variables, RequestLimits limits)
    {
        foreach (var (name, value) in variables ?? Inputs.Empty)
            CheckValue(value, $"${name}", limits);
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
                        CheckValue(argument.Value, argument.Name.StringValue, limits);
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

    /// <summary>Lists and strings in an argument literal or a variable value stay within their limits.</summary>
    private static void CheckValue(object? value, string path, RequestLimits limits)
    {
        switch (value)
        {
            case GraphQLStringValue text when text.Value.Length > limits.MaxStringLength:
            case string s when s.Length > limits.MaxStringLength:
                throw Reject("MaxStringLengthExceeded", $"{path}: strings may be at most {limits.MaxStringLength} characters long.");
            case GraphQLListValue list:
                if (list.Values?.Count > limits.MaxListLength) throw TooLong(path, limits.MaxListLength);
                foreach (var item in list.Values ?? []) CheckValue(item, path + "[]", limits);
                break;
            case GraphQLObjectValue obj:
                foreach (var field in obj.Fields ?? []) CheckValue(field.Value, $"{path}.{field.Name.StringValue}", limits);
                break;
            case IDictionary<string, object?> dict:
                foreach (var (key, item) in dict) CheckValue(item, $"{path}.{key}", limits);
                break;
            case IList<object?> items:
                if (items.Count > limits.MaxListLength) throw TooLong(path, limits.MaxListLength);
                foreach (var item in items) CheckValue(item, path + "[]", limits);
                break;
        }
    }

    private static BwpException TooLong(string path, int max) =>
        Reject("MaxListLengthExceeded", $"{path}: lists may hold at most {max} entries.");

    private static BwpException Reject(string code, string message) => BwpException.Validation(code, message);
}
