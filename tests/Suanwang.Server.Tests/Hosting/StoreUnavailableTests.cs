using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Suanwang.Storage;

namespace Suanwang.Server.Tests.Hosting;

public sealed class StoreUnavailableTests
{
    [ImmutableFilesFact]
    public async Task Submit_WhileTheDatabaseFilesAreImmutable_Answers503WithRetryAfter_AndHealthRecoversWhenWritesDo()
    {
        await using var data = await TestStore.OpenAsync();
        await using var server = await TestServer.StartAsync(data.Store);
        await server.RegisterAsync(Specs.Site("cn-a"));
        using var anonymous = server.Client(null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);

        using (ImmutableFiles.Make(data.DatabasePath, data.DatabasePath + "-wal"))
        {
            var refused = await TestServer.SubmitAsync(server.Admin, Specs.Job("admin"));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
            var text = await refused.Content.ReadAsStringAsync();
            var problem = await TestServer.ProblemAsync(refused);
            Assert.Equal("Database unavailable", problem.GetProperty("title").GetString());
            Assert.StartsWith("the SQLite database cannot be written (disk I/O error)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);

            var degraded = await anonymous.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, degraded.StatusCode);
            Assert.NotNull(degraded.Headers.RetryAfter);
            var health = JsonDocument.Parse(await degraded.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("degraded", health.GetProperty("status").GetString());
            Assert.Equal("the SQLite database cannot be written (disk I/O error)", health.GetProperty("reason").GetString());
        }

        var id = await TestServer.SubmitOkAsync(server.Admin, Specs.Job("admin"));

        Assert.Equal(id, (await TestServer.GetJobAsync(server.Admin, id)).Id);
        var healthy = await anonymous.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("ok", JsonDocument.Parse(await healthy.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Submit_WhenTheStoreFailsWithSqlitesReadOnlyError_Answers503ProblemNamingIt()
    {
        await using var data = await TestStore.OpenAsync();
        var store = ReadOnlySubmitProxy.Over(data.Store, await ReadOnlyErrorAsync(data.DatabasePath));
        await using var server = await TestServer.StartAsync(store);
        await server.RegisterAsync(Specs.Site("cn-a"));

        var refused = await TestServer.SubmitAsync(server.Admin, Specs.Job("admin"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        var problem = await TestServer.ProblemAsync(refused);
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal("the SQLite database is read-only; try again in 5 seconds", problem.GetProperty("detail").GetString());
    }

    // The error SQLite itself gives for a write to a database opened read-only.
    private static async Task<SqliteException> ReadOnlyErrorAsync(string path)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE probe (x INTEGER)";
        return await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
    }
}

/// <summary>A store whose job submissions fail with a given driver error, as a store over a read-only database would; everything else reaches the real store.</summary>
public class ReadOnlySubmitProxy : DispatchProxy
{
    private IStore _inner = null!;
    private Exception _error = null!;

    /// <summary>The proxy over <paramref name="inner"/>.</summary>
    public static IStore Over(IStore inner, Exception error)
    {
        var store = Create<IStore, ReadOnlySubmitProxy>();
        var proxy = (ReadOnlySubmitProxy)(object)store;
        proxy._inner = inner;
        proxy._error = error;
        return store;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod!.Name == nameof(IStore.SubmitAsync))
        {
            var result = targetMethod.ReturnType.GetGenericArguments()[0];
            return typeof(Task).GetMethod(nameof(Task.FromException), 1, [typeof(Exception)])!.MakeGenericMethod(result).Invoke(null, [_error]);
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
