using System.Security.Cryptography;
using System.Text;

namespace BwpOrders.Domain.Access;

/// <summary>
/// Client secrets are stored only as a hash: <c>sha256$HASH</c> (base64). Every secret is 256 random bits the server
/// made (<see cref="CredentialService"/>), so no search over its values is feasible with any hash, and a slow one
/// (which protects guessable passwords) would only make each <c>POST /token</c> cost tens of milliseconds of CPU that a
/// load test, or a flood of wrong secrets, turns into a busy server. Stores made before keep their
/// <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> hashes, which are still checked.
/// </summary>
public static class SecretHasher
{
    private const string Sha256Prefix = "sha256$";

    public static string Hash(string secret) => Sha256Prefix + Convert.ToBase64String(Sha256(secret));

    public static bool Verify(string secret, string stored)
    {
        if (stored.StartsWith(Sha256Prefix, StringComparison.Ordinal))
            return FixedTimeEquals(Sha256(secret), stored[Sha256Prefix.Length..]);
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], out var iterations)) return false;
        var salt = Convert.FromBase64String(parts[2]);
        var expected = parts[3];
        return FixedTimeEquals(Rfc2898DeriveBytes.Pbkdf2(secret, salt, iterations, HashAlgorithmName.SHA256, Convert.FromBase64String(expected).Length), expected);
    }

    private static byte[] Sha256(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static bool FixedTimeEquals(byte[] actual, string expectedBase64) =>
        CryptographicOperations.FixedTimeEquals(actual, Convert.FromBase64String(expectedBase64));
}
