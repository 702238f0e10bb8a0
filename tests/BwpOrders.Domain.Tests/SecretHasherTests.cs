using BwpOrders.Domain.Access;

namespace BwpOrders.Domain.Tests;

public sealed class SecretHasherTests
{
    [Fact]
    public void A_hash_holds_no_part_of_the_secret_and_checks_only_that_secret()
    {
        const string secret = "Zq3k0rV8mWcY1nE5tJ7aL2pH9sD4fG6xB0uR8iO3eK1";
        var stored = SecretHasher.Hash(secret);

        Assert.StartsWith("sha256$", stored);
        Assert.DoesNotContain(secret, stored);
        Assert.True(SecretHasher.Verify(secret, stored));
        Assert.False(SecretHasher.Verify(secret + "x", stored));
        Assert.False(SecretHasher.Verify(secret[..^1], stored));
        Assert.False(SecretHasher.Verify("", stored));
    }

    [Fact]
    public void A_pbkdf2_hash_from_a_store_made_before_still_checks_its_secret()
    {
        // Made by the earlier SecretHasher (PBKDF2-SHA256, 210,000 iterations, a fixed salt for the test).
        const string stored = "pbkdf2-sha256$210000$AAECAwQFBgcICQoLDA0ODw==$Es8zpXVjTKOO5svp2uzoWwciNKwaCF513AYUha6UKfU=";

        Assert.True(SecretHasher.Verify("legacy-secret-0123456789abcdefghijklmnopqrstu", stored));
        Assert.False(SecretHasher.Verify("legacy-secret-0123456789abcdefghijklmnopqrstv", stored));
    }

    [Theory]
    [InlineData("")]
    [InlineData("md5$abc")]
    [InlineData("pbkdf2-sha256$many$AAEC$AAEC")]
    public void A_stored_value_in_no_known_form_checks_nothing(string stored) =>
        Assert.False(SecretHasher.Verify("anything", stored));
}
