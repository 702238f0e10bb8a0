using System.Security.Cryptography;

namespace BwpOrders.Domain.Rules;

/// <summary>Server-generated identifiers, shaped like BwP's (order ids <c>322-ABC1-AAAAAA</c>, item ids <c>ofmmgl63ta8u14</c>).</summary>
public static class Ids
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string NewOrderId() =>
        $"{RandomNumberGenerator.GetInt32(100, 1000)}-{Random(Upper, 4)}-{Random(Upper, 6)}";

    public static string NewItemId() => Random(Lower, 14);

    /// <summary>BwP refund ids are long hex strings (the seeds show 64 characters).</summary>
    public static string NewRefundId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();

    private static string Random(string alphabet, int length) => RandomNumberGenerator.GetString(alphabet, length);
}
