using Suanwang.ControlPlane.Audit;
using Suanwang.Storage.Sqlite;

namespace Suanwang.Server.Tests.Audit;

/// <summary>The signing key kept in a file of mode 0600: created once, kept across restarts, taken over from the store, refused when others may read it.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AuditKeyFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "suanwang-audit-key-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task KeyFile_CreatedOwnerOnly_KeptAcrossRestarts_AndNotInTheStore()
    {
        var file = Path.Combine(_folder, "audit-signing.key");
        string first;
        await using (var store = await OpenAsync())
        {
            using var log = new AuditLog(store, new AuditOptions { KeyFile = file }, TimeProvider.System);
            first = (await log.SignerAsync(CancellationToken.None)).VerifierKey;
            Assert.Null(await store.GetAuditKeyAsync(CancellationToken.None));
        }

        await using (var store = await OpenAsync())
        {
            using var log = new AuditLog(store, new AuditOptions { KeyFile = file }, TimeProvider.System);
            Assert.Equal(first, (await log.SignerAsync(CancellationToken.None)).VerifierKey);
        }

        Assert.Equal(32, new FileInfo(file).Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task KeyFile_Missing_TakesTheKeyTheStoreAlreadyHas()
    {
        var file = Path.Combine(_folder, "audit-signing.key");
        await using var store = await OpenAsync();
        using var before = new AuditLog(store, new AuditOptions(), TimeProvider.System);
        var stored = (await before.SignerAsync(CancellationToken.None)).VerifierKey;

        using var after = new AuditLog(store, new AuditOptions { KeyFile = file }, TimeProvider.System);

        Assert.Equal(stored, (await after.SignerAsync(CancellationToken.None)).VerifierKey);
        Assert.Equal(await store.GetAuditKeyAsync(CancellationToken.None), await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task KeyFile_ReadableByOthersOrNotAKey_IsRefusedWithItsPath()
    {
        var file = Path.Combine(_folder, "audit-signing.key");
        Directory.CreateDirectory(_folder);
        await File.WriteAllBytesAsync(file, new byte[32]);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        await using var store = await OpenAsync();
        using var log = new AuditLog(store, new AuditOptions { KeyFile = file }, TimeProvider.System);

        var open = await Assert.ThrowsAsync<InvalidOperationException>(() => log.SignerAsync(CancellationToken.None));
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllBytesAsync(file, new byte[31]);
        var shortKey = Assert.Throws<InvalidOperationException>(() => AuditKeyFile.Read(file));

        Assert.Contains("chmod 600", open.Message, StringComparison.Ordinal);
        Assert.Contains(file, shortKey.Message, StringComparison.Ordinal);
    }

    private async Task<SqliteStore> OpenAsync()
    {
        var store = SqliteStore.InDataFolder(_folder);
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }
}
