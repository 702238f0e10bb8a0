using System.Text.RegularExpressions;
using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Checkout;

/// <summary>
/// Where BwP delivers: the continental United States. Territories (AS, FM, GU, MH, MP, PR, PW, VI) and military
/// regions (AA, AE, AP) are <c>InvalidDestination</c>; an address without a well-formed ZIP code is <c>InvalidAddress</c>.
/// </summary>
public static partial class DeliveryDestinations
{
    private static readonly HashSet<string> Unserved = ["AS", "FM", "GU", "MH", "MP", "PR", "PW", "VI", "AA", "AE", "AP"];

    public static void Check(Address address, FieldPath at)
    {
        if (address.PostalCode is not { } zip || !Zip().IsMatch(zip))
            throw BwpException.Validation(ErrorCodes.InvalidAddress, at.Field("postalCode"), "give a US ZIP code (12345 or 12345-6789).");
        if (address.CountryCode is { } country && country != "US")
            throw BwpException.Validation(ErrorCodes.InvalidDestination, at.Field("countryCode"), "Buy with Prime delivers in the United States only (countryCode US).");
        if (address.Region is { } region && Unserved.Contains(region.ToUpperInvariant()))
            throw BwpException.Validation(ErrorCodes.InvalidDestination, at.Field("region"),
                "Buy with Prime does not deliver to US territories or military addresses (AS, FM, GU, MH, MP, PR, PW, VI, AA, AE, AP).");
    }

    /// <summary>A full address, not just a ZIP code: the street, city and state are given.</summary>
    public static bool IsComplete(Address address) =>
        address.StreetAddress is { Length: > 0 } && address.Locality is { Length: > 0 } && address.Region is { Length: > 0 };

    /// <summary>The first five digits: ZIP+4 and ZIP name the same delivery area.</summary>
    public static string Zip5(string postalCode) => postalCode.Length >= 5 ? postalCode[..5] : postalCode;

    [GeneratedRegex("^[0-9]{5}(-[0-9]{4})?$")]
    private static partial Regex Zip();
}
