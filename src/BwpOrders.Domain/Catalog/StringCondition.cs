using System.Text.RegularExpressions;

namespace BwpOrders.Domain.Catalog;

/// <summary>
/// BwP's <c>StringFilter</c> on one product identifier: every operation given must hold ("Valid value of more than one
/// operator perform logical AND operation", its object page). The comparisons are exact (ordinal, case-sensitive) on
/// the stored value; a product without the identifier has null there, which <c>isNull: true</c> matches, <c>neq</c> and
/// <c>noneOf</c> match (null is none of their values), and <c>eq</c>, <c>anyOf</c> and <c>regex</c> never match.
/// <c>regex</c> is a .NET regular expression that matches anywhere in the value (anchor it with <c>^…$</c>).
/// </summary>
public sealed class StringCondition
{
    /// <summary>BwP's limits: eq, neq and regex 0 to 256 characters; anyOf and noneOf 0 to 32 values.</summary>
    public const int MaxLength = 256;
    public const int MaxValues = 32;

    /// <summary>
    /// How long one match on the backtracking engine may take before the pattern is refused as too slow. Only patterns
    /// the linear-time engine cannot run (backreferences, lookarounds, atomic groups) get there: a wall-clock limit on
    /// every pattern let a paused thread (a GC, a busy machine) refuse a plain one.
    /// </summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private StringCondition(FieldPath where) => Where = where;

    /// <summary>The filter's field this condition is at (<c>filter.sku</c>), which its errors name.</summary>
    public FieldPath Where { get; }

    public string? Eq { get; private init; }
    public string? Neq { get; private init; }
    public IReadOnlyList<string>? AnyOf { get; private init; }
    public IReadOnlyList<string>? NoneOf { get; private init; }
    public bool? IsNull { get; private init; }
    public Regex? Regex { get; private init; }

    /// <summary>The condition, checked against BwP's limits; a pattern that is not a .NET regular expression is refused here.</summary>
    public static StringCondition Create(FieldPath where, string? eq = null, string? neq = null, IReadOnlyList<string?>? anyOf = null,
        IReadOnlyList<string?>? noneOf = null, bool? isNull = null, string? regex = null) => new(where)
    {
        Eq = Checked(where.Field("eq"), eq),
        Neq = Checked(where.Field("neq"), neq),
        AnyOf = Checked(where.Field("anyOf"), anyOf),
        NoneOf = Checked(where.Field("noneOf"), noneOf),
        IsNull = isNull,
        Regex = Pattern(where.Field("regex"), Checked(where.Field("regex"), regex)),
    };

    public bool Matches(string? value)
    {
        if (IsNull is { } isNull && isNull != (value is null)) return false;
        if (Eq is not null && value != Eq) return false;
        if (Neq is not null && value == Neq) return false;
        if (AnyOf is not null && (value is null || !AnyOf.Contains(value, StringComparer.Ordinal))) return false;
        if (NoneOf is not null && value is not null && NoneOf.Contains(value, StringComparer.Ordinal)) return false;
        return Regex is null || (value is not null && IsMatch(Regex, value));
    }

    private bool IsMatch(Regex regex, string value)
    {
        try
        {
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            throw BwpException.Validation(ErrorCodes.InvalidInput, Where.Field("regex"),
                $"the pattern took longer than {MatchTimeout.TotalMilliseconds:0} ms on one product's value: simplify it (nested repetition such as (a+)+ backtracks without end).");
        }
    }

    private static string? Checked(FieldPath where, string? text) =>
        text is { Length: > MaxLength } ? throw BwpException.Validation(ErrorCodes.InvalidInput, where, $"give at most {MaxLength} characters.") : text;

    private static IReadOnlyList<string>? Checked(FieldPath where, IReadOnlyList<string?>? values)
    {
        if (values is null) return null;
        if (values.Count > MaxValues)
            throw BwpException.Validation(ErrorCodes.InvalidInput, where, $"give at most {MaxValues} values (this gave {values.Count}).");
        for (var i = 0; i < values.Count; i++)
            if (values[i] is null)
                throw BwpException.Validation(ErrorCodes.InvalidInput, where[i], "give a string; to match products without this identifier, use isNull: true.");
        return values!;
    }

    private static Regex? Pattern(FieldPath where, string? pattern)
    {
        if (pattern is null) return null;
        try
        {
            return LinearTime(pattern) ?? new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw BwpException.Validation(ErrorCodes.InvalidInput, where, $"not a .NET regular expression ({e.Message.TrimEnd('.')}): fix the pattern.");
        }
    }

    /// <summary>The pattern on .NET's non-backtracking engine, whose time is linear in the value, or null for a construct it cannot run.</summary>
    private static Regex? LinearTime(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
