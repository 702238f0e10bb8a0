using System.Globalization;
using System.Text;
using BwpOrders.Domain;
using BwpOrders.Domain.Access;
using BwpOrders.Server.Auth;

namespace BwpOrders.Server.Control;

/// <summary>
/// A listing's filters read from query parameters (the control API's, or the CLI's options under the same names).
/// A parameter the listing does not have, or a value it cannot take, is refused rather than ignored: ignoring it would
/// widen the answer without saying so.
/// </summary>
public sealed class ListingQuery
{
    public const int MaxPage = 500;
    private const int MaxText = 200;

    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _read = [];
    private readonly string _listing;

    public ListingQuery(IEnumerable<KeyValuePair<string, string?>> parameters, string listing)
    {
        _listing = listing;
        _values = [];
        foreach (var (name, value) in parameters)
            if (value is { Length: > 0 }) _values[name] = value;
    }

    public string? Text(string name) => Read(name) switch
    {
        null => null,
        { Length: <= MaxText } text => text,
        _ => throw Invalid($"{name} may be at most {MaxText} characters."),
    };

    /// <summary>One of <paramref name="values"/>, in any letter case; answered as the list spells it.</summary>
    public string? OneOf(string name, IReadOnlyCollection<string> values) => Read(name) is { } text
        ? values.FirstOrDefault(v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase)) ?? throw Invalid($"{name} must be one of {string.Join(", ", values)}.")
        : null;

    /// <summary>A whole number of at least 1 (a journal sequence, a delivery id).</summary>
    public long? Number(string name) => Read(name) switch
    {
        null => null,
        var text when long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 => n,
        _ => throw Invalid($"{name} must be the next value of a previous page."),
    };

    public bool? Flag(string name) => Read(name)?.ToLowerInvariant() switch
    {
        null => null,
        "true" => true,
        "false" => false,
        _ => throw Invalid($"{name} must be true or false."),
    };

    /// <summary>An ISO-8601 time (a date alone is its midnight UTC), as a BwP timestamp, which compares in time order as text.</summary>
    public string? Time(string name) => Read(name) switch
    {
        null => null,
        var text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) => Timestamps.Format(time),
        _ => throw Invalid($"{name} must be an ISO-8601 time such as 2026-12-01T00:00:00Z."),
    };

    public int First() => Read("first") switch
    {
        null => 50,
        var text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= MaxPage => n,
        _ => throw Invalid($"first must be 1 to {MaxPage}."),
    };

    /// <summary>The <c>next</c> of a previous page, where this one starts.</summary>
    public SearchCursor? After() => Read("after") is { } text ? Decode(text) ?? throw Invalid("after must be the next value of a previous page of this listing.") : null;

    /// <summary>Refuses every parameter no filter read; call it after reading them all.</summary>
    public void Done()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw Invalid($"{_listing} has no filter {string.Join(", ", unknown)}; it takes {string.Join(", ", _read.Order(StringComparer.Ordinal))}.");
    }

    /// <summary>A page's end as the opaque <c>next</c> value: base64url of its creation time and id.</summary>
    public static string? Encode(SearchCursor? cursor) => cursor is null ? null
        : Convert.ToBase64String(Encoding.UTF8.GetBytes(cursor.CreatedAt + "\n" + cursor.Id)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static SearchCursor? Decode(string text)
    {
        if (text.Length > 400) return null;
        var base64 = text.Replace('-', '+').Replace('_', '/');
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '='), bytes, out var length)) return null;
        var parts = Encoding.UTF8.GetString(bytes, 0, length).Split('\n');
        return parts is [var at, { Length: > 0 and <= MaxText } id] && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, out _) ? new SearchCursor(at, id) : null;
    }

    private string? Read(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }

    private static RequestRejected Invalid(string message) => new(400, ErrorKind.Validation, ErrorCodes.InvalidInput, message);
}
