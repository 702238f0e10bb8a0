using System.Security.Cryptography;

namespace BwpOrders.Domain.Access;

/// <summary>
/// Encrypts secrets that must be used again (a merchant's webhook auth credentials, webhook signing keys) with
/// AES-256-GCM: a fresh 96-bit nonce per value, the tag checked on every read.
/// </summary>
public sealed class SecretBox
{
    private const int NonceSize = 12, TagSize = 16;
    private readonly byte[] _key;

    public SecretBox(byte[] key)
    {
        if (key.Length != 32) throw new ArgumentException("The secrets key must be 32 bytes (base64 of 32 random bytes).");
        _key = key;
    }

    public byte[] Seal(byte[] plain)
    {
        var sealedValue = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedValue.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedValue.AsSpan(NonceSize + TagSize), sealedValue.AsSpan(NonceSize, TagSize));
        return sealedValue;
    }

    public byte[] Open(byte[] sealedValue)
    {
        if (sealedValue.Length < NonceSize + TagSize) throw new CryptographicException("The sealed value is too short.");
        var plain = new byte[sealedValue.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedValue.AsSpan(0, NonceSize), sealedValue.AsSpan(NonceSize + TagSize), sealedValue.AsSpan(NonceSize, TagSize), plain);
        return plain;
    }
}
