using System.Security.Cryptography;

namespace BwpOrders.Domain.Rules;

/// <summary>
/// Server-generated identifiers, shaped like BwP's (order ids <c>322-ABC1-AAAAAA</c>, item ids <c>ofmmgl63ta8u14</c>),
/// drawn from <see cref="IdSource.Current"/>: random, or a seeded sequence inside <see cref="IdSource.Use"/>.
/// </summary>
public static class Ids
{
    public static string NewOrderId() => IdSource.Current.OrderId();

    public static string NewItemId() => IdSource.Current.ItemId();

    /// <summary>BwP refund ids are long hex strings (the seeds show 64 characters).</summary>
    public static string NewRefundId() => IdSource.Current.Hex(32);

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>) (tracking numbers, RMA numbers).</summary>
    public static int NewNumber(int min, int max) => IdSource.Current.Next(min, max);

    public static string NewHex(int bytes) => IdSource.Current.Hex(bytes);

    public static string NewGuid() => IdSource.Current.Guid();
}

/// <summary>
/// Where generated ids come from: cryptographically random (<see cref="Random"/>), or a sequence fixed by a seed
/// (<c>serve --seed N</c>), so the same requests in the same order on a fresh store get the same ids. Thread-safe: a
/// seeded source hands out its numbers one caller at a time. Never for secrets (credential secrets, token and webhook
/// signing keys, salts): those use <see cref="RandomNumberGenerator"/> themselves.
/// </summary>
public sealed class IdSource
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static readonly AsyncLocal<IdSource?> Ambient = new();

    private readonly Random? _seeded;
    private readonly Lock _lock = new();

    private IdSource(Random? seeded) => _seeded = seeded;

    public static readonly IdSource Random = new(null);

    public static IdSource Seeded(int seed) => new(new Random(seed));

    public bool IsSeeded => _seeded is not null;

    /// <summary>The source of the flow that called <see cref="Use"/>; otherwise random.</summary>
    public static IdSource Current => Ambient.Value ?? Random;

    /// <summary>Makes this the source of <see cref="Ids"/> for the rest of the calling async flow (set it inside the method that owns that flow).</summary>
    public void Use() => Ambient.Value = this;

    public int Next(int min, int max)
    {
        if (_seeded is null) return RandomNumberGenerator.GetInt32(min, max);
        lock (_lock) return _seeded.Next(min, max);
    }

    public string OrderId() => $"{Next(100, 1000)}-{Text(Upper, 4)}-{Text(Upper, 6)}";

    public string ItemId() => Text(Lower, 14);

    public string Hex(int bytes) => Convert.ToHexString(Bytes(bytes)).ToLowerInvariant();

    /// <summary>A version 4 GUID, as <see cref="System.Guid.NewGuid"/> makes them.</summary>
    public string Guid()
    {
        var bytes = Bytes(16);
        bytes[7] = (byte)(bytes[7] & 0x0F | 0x40); // version 4 (little-endian layout of the third group)
        bytes[8] = (byte)(bytes[8] & 0x3F | 0x80); // RFC 4122 variant
        return new Guid(bytes).ToString();
    }

    private string Text(string alphabet, int length)
    {
        if (_seeded is null) return RandomNumberGenerator.GetString(alphabet, length);
        lock (_lock) return string.Create(length, (_seeded, alphabet), static (span, s) => { for (var i = 0; i < span.Length; i++) span[i] = s.alphabet[s._seeded.Next(s.alphabet.Length)]; });
    }

    private byte[] Bytes(int count)
    {
        if (_seeded is null) return RandomNumberGenerator.GetBytes(count);
        var bytes = new byte[count];
        lock (_lock) _seeded.NextBytes(bytes);
        return bytes;
    }
}
