using BwpOrders.Domain;

namespace BwpOrders.Server.Api;

/// <summary>
/// How one root field of one version names the fields of the command it maps to, so a domain error's
/// <see cref="FieldPath"/> (<c>packages[0].aliases</c>) is told in the merchant's own input
/// (<c>input.packageInformation.details[0].aliases</c> in 2024-11-01 updateOrder,
/// <c>input.deliveryInformationDetailsAliases[0].aliases</c> in 2024-01-01). Each module states its fields' paths
/// where it maps their inputs; a name without a rename is said as the domain says it.
/// </summary>
public sealed class InputPaths
{
    private readonly string? argument;
    private readonly Dictionary<string, string> renames;

    /// <param name="argument">The argument the command's fields are in (<c>input</c>), or null for the root.</param>
    /// <param name="renames">By the domain's names up to a field, dotted and without indices (<c>packages.amounts</c>): what this input calls that field (several steps, dotted).</param>
    public InputPaths(string? argument, params (string Domain, string Said)[] renames)
    {
        this.argument = argument;
        this.renames = renames.ToDictionary(r => r.Domain, r => r.Said);
    }

    /// <summary>The domain's own names (the control API's JSON bodies use them).</summary>
    public static InputPaths Domain { get; } = new(null);

    /// <summary>These paths with more renames (a version's differences from another's).</summary>
    public InputPaths With(params (string Domain, string Said)[] more) =>
        new(argument, [.. renames.Where(r => more.All(m => m.Domain != r.Key)).Select(r => (r.Key, r.Value)), .. more]);

    public string Say(FieldPath where)
    {
        var said = where.Render((shape, field) => renames.TryGetValue(shape, out var rename) ? rename : field);
        return argument is null ? said : $"{argument}.{said}";
    }

    /// <summary>The message of <paramref name="error"/> with its field said in this input's names.</summary>
    public string MessageOf(BwpException error) => error.MessageSaying(Say);
}
