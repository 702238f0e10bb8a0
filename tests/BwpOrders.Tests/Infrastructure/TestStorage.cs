using Npgsql;

namespace BwpOrders.Tests.Infrastructure;

/// <summary>
/// A fresh, empty store for one test class, on the engine the run is for: SQLite by default, PostgreSQL
/// when <c>BWP_TEST_STORAGE=postgres</c> (with <c>BWP_TEST_POSTGRES</c> pointing at a server, as test.sh sets up).
/// </summary>
public sealed class TestStorage : IAsyncDisposable
{
    public const string EngineVariable = "BWP_TEST_STORAGE";
    public const string PostgresVariable = "BWP_TEST_POSTGRES";

    private readonly string? _directory;
    private readonly string? _database;

    public string Spec { get; }

    private TestStorage(string spec, string? directory, string? database) => (Spec, _directory, _database) = (spec, directory, database);

    public static string Engine => Environment.GetEnvironmentVariable(EngineVariable) is "postgres" ? "postgres" : "sqlite";

    /// <summary>The PostgreSQL server to use, or null when none is configured.</summary>
    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs ? cs : null;

    /// <summary>
    /// Whether this is the PostgreSQL pass, where the PostgreSQL-only tests run. test.sh's SQLite pass has the server
    /// up too, but running them there as well would only run them twice.
    /// </summary>
    public static bool PostgresPass => Engine == "postgres" && PostgresServer is not null;

    public static Task<TestStorage> CreateAsync() => Engine == "postgres" ? CreatePostgresAsync() : Task.FromResult(CreateSqlite());

    public static TestStorage CreateSqlite()
    {
        var directory = Path.Combine(Path.GetTempPath(), "bwp-tests", Guid.NewGuid().ToString("N"));
        return new TestStorage($"sqlite:{Path.Combine(directory, "orders.db")}", directory, null);
    }

    /// <summary>A new database on the configured PostgreSQL server.</summary>
    public static async Task<TestStorage> CreatePostgresAsync()
    {
        var server = PostgresServer ?? throw new InvalidOperationException($"{PostgresVariable} is not set; run ./test.sh, which starts PostgreSQL.");
        var name = "bwp_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        var spec = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new TestStorage($"postgres:{spec}", null, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_directory is not null)
        {
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        }
        if (_database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>A test that needs a PostgreSQL server; skipped, saying how to run it, when none is configured.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = SkipWithoutPostgres;

    internal static string? SkipWithoutPostgres => TestStorage.PostgresPass
        ? null
        : $"runs on the PostgreSQL pass: run ./test.sh (it starts a throwaway server), or set {TestStorage.EngineVariable}=postgres and {TestStorage.PostgresVariable} to an Npgsql connection string";
}

/// <summary>A theory that needs a PostgreSQL server; skipped as <see cref="PostgresFactAttribute"/> is.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute() => Skip = PostgresFactAttribute.SkipWithoutPostgres;
}

/// <summary>
/// A test that makes SQLite stores of its own whatever the run's engine (SQLite's own behaviour, the ephemeral store,
/// the README's SQLite blocks): it runs once, on the SQLite pass, since the PostgreSQL pass would run the same thing again.
/// </summary>
public sealed class SqlitePassFactAttribute : FactAttribute
{
    public const string OnPostgresPass = "uses SQLite stores of its own: it runs on the SQLite pass";

    public SqlitePassFactAttribute()
    {
        if (TestStorage.Engine == "postgres") Skip = OnPostgresPass;
    }
}

/// <summary>A theory that runs on the SQLite pass only, as <see cref="SqlitePassFactAttribute"/>.</summary>
public sealed class SqlitePassTheoryAttribute : TheoryAttribute
{
    public SqlitePassTheoryAttribute()
    {
        if (TestStorage.Engine == "postgres") Skip = SqlitePassFactAttribute.OnPostgresPass;
    }
}

/// <summary>Base for tests that run their own server processes on a fresh store of the run's engine.</summary>
public abstract class FreshStorageTest : IAsyncLifetime
{
    private TestStorage? _storage;

    protected string Storage => _storage!.Spec;

    public async Task InitializeAsync() => _storage = await TestStorage.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_storage is not null) await _storage.DisposeAsync();
    }
}
