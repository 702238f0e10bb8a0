namespace BwpOrders.Server.GraphQL;

/// <summary>
/// Read-only view of a GraphQL input object as GraphQL.NET hands it over (a dictionary whose values are
/// already coerced: enums as their names, Decimal as decimal). Absent and null read the same: "not given".
/// </summary>
public readonly struct Input(IDictionary<string, object?>? values)
{
    public bool IsNull => values is null;

    public static Input From(object? value) => new(value as IDictionary<string, object?>);

    public string? String(string key) => values?.TryGetValue(key, out var v) == true ? v?.ToString() : null;

    public decimal? Decimal(string key) => values?.TryGetValue(key, out var v) == true && v is not null ? Convert.ToDecimal(v) : null;

    public bool? Bool(string key) => values?.TryGetValue(key, out var v) == true && v is bool b ? b : null;

    public Input Object(string key) => From(values?.TryGetValue(key, out var v) == true ? v : null);

    /// <summary>The list under <paramref name="key"/>, or null when not given. Null elements are skipped.</summary>
    public List<Input>? List(string key) =>
        values?.TryGetValue(key, out var v) == true && v is IEnumerable<object?> items
            ? items.Where(i => i is not null).Select(From).ToList()
            : null;

    /// <summary>The strings listed under <paramref name="key"/> (null elements kept, as null), or null when not given.</summary>
    public List<string?>? Strings(string key) =>
        values?.TryGetValue(key, out var v) == true && v is IEnumerable<object?> items ? items.Select(i => i?.ToString()).ToList() : null;

    /// <summary>Maps the list under <paramref name="key"/>, or null when not given.</summary>
    public List<T>? List<T>(string key, Func<Input, T> map) => List(key)?.Select(map).ToList();

    /// <summary>Maps the object under <paramref name="key"/>, or null when not given.</summary>
    public T? Map<T>(string key, Func<Input, T> map) where T : class
    {
        var child = Object(key);
        return child.IsNull ? null : map(child);
    }
}
