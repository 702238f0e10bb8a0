using BwpOrders.Domain;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>The one bounded, expiring cache the server's short-lived caches share.</summary>
public sealed class ExpiringCacheTests
{
    private readonly ManualClock _clock = new();

    [Fact]
    public void A_value_is_kept_for_its_time_and_then_forgotten()
    {
        var cache = new ExpiringCache<string, int>(_clock, TimeSpan.FromSeconds(2));
        cache.Set("a", 1);
        _clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.True(cache.TryGet("a", out var kept));
        Assert.Equal(1, kept);
        _clock.Advance(TimeSpan.FromSeconds(0.2));
        Assert.False(cache.TryGet("a", out _));
    }

    [Fact]
    public void A_full_cache_forgets_everything_before_it_grows()
    {
        var cache = new ExpiringCache<int, int>(_clock, TimeSpan.FromMinutes(1), capacity: 3);
        for (var i = 0; i < 3; i++) cache.Set(i, i);
        cache.Set(3, 3);
        Assert.False(cache.TryGet(0, out _));
        Assert.True(cache.TryGet(3, out _));
    }

    [Fact]
    public async Task Callers_that_miss_together_share_one_load_and_a_failed_load_is_not_kept()
    {
        var cache = new ExpiringCache<string, string>(_clock, TimeSpan.Zero);
        var loads = 0;
        var release = new TaskCompletionSource();
        async Task<(string, DateTimeOffset)> Load()
        {
            Interlocked.Increment(ref loads);
            await release.Task;
            return ("token", _clock.GetUtcNow() + TimeSpan.FromMinutes(5));
        }
        var first = cache.GetSharedAsync("k", Load, CancellationToken.None);
        var second = cache.GetSharedAsync("k", Load, CancellationToken.None);
        release.SetResult();
        Assert.Equal(["token", "token"], await Task.WhenAll(first, second));
        Assert.Equal(1, loads);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            cache.GetSharedAsync("bad", () => Task.FromException<(string, DateTimeOffset)>(new InvalidOperationException()), CancellationToken.None));
        Assert.Equal("again", await cache.GetSharedAsync("bad", () => Task.FromResult(("again", _clock.GetUtcNow() + TimeSpan.FromMinutes(1))), CancellationToken.None));
    }
}
