using System.Globalization;

namespace BwpOrders.Domain;

/// <summary>
/// BwP's timestamps: ISO-8601 in UTC with milliseconds (<c>2026-11-23T05:26:24.268Z</c>), in orders, events, the
/// delivery log and the server's own logs. Invariant culture, so a host's locale cannot change a separator.
/// </summary>
public static class Timestamps
{
    /// <summary>The format string, for APIs that take one (the JSON console logger).</summary>
    public const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Event envelopes' <c>eventTime</c> carries whole seconds (<c>2026-11-23T05:26:24Z</c>), as BwP sends it.</summary>
    private const string SecondsPattern = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    public static string FormatSeconds(DateTimeOffset time) => time.UtcDateTime.ToString(SecondsPattern, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
