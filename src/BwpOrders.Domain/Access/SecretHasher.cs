using System.Security.Cryptography;

namespace BwpOrders.Domain.Access;

/// <summary>
/// Client secrets are stored only as a slow, salted PBKDF2-SHA256 hash:
/// <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> (base64). Verification takes the same time whether or not
/// the client exists (see <see cref="CredentialService"/>).
/// </summary>
public static class SecretHasher
{
    private const int Iterations = 210_000; // OWASP 2023 recommendation for PBKDF2-HMAC-SHA256
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Hash(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(secret, salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"pbkdf2-sha256${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string secret, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], out var iterations)) return false;
        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(secret, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
