using BwpOrders.Domain.Access;
using BwpOrders.Storage;

namespace BwpOrders.Server.Hosting;

/// <summary>
/// <c>Secrets:Key</c> (<c>Secrets__Key</c>, the base64 of 32 random bytes): what seals the secrets a store keeps that
/// must be used again (merchants' webhook auth, webhook signing keys, the token signing key), so that the store alone
/// does not give them away.
/// </summary>
public static class SecretsKey
{
    /// <summary>The configured key, or null when none is.</summary>
    public static SecretBox? Configured(SecretsSettings settings)
    {
        if (settings.Key is not { Length: > 0 } configured) return null;
        try
        {
            return Convert.FromBase64String(configured) is { Length: 32 } key ? new SecretBox(key) : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new ArgumentException("Secrets:Key must be the base64 of 32 random bytes (e.g. openssl rand -base64 32).");
        }
    }

    /// <summary>
    /// What seals the event store's secrets: the configured key, else one kept in the store (which protects nothing
    /// from someone who has the store, but keeps secrets out of plain sight in it).
    /// </summary>
    public static async Task<SecretBox> ForEventsAsync(SecretBox? configured, BwpStorage storage) =>
        configured ?? new SecretBox(await storage.Credentials.GetOrCreateSecretsKeyAsync());
}

/// <summary>Configuration section "Secrets".</summary>
public sealed class SecretsSettings
{
    /// <summary>The base64 of 32 random bytes; empty: none (see <see cref="SecretsKey"/>).</summary>
    public string Key { get; set; } = "";
}
