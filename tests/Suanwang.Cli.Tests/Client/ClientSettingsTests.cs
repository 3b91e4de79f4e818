using Suanwang.Cli.Client;
using Suanwang.Core.Errors;

namespace Suanwang.Cli.Tests.Client;

public sealed class ClientSettingsTests : IDisposable
{
    private readonly Scratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private static Func<string, string?> Environment(string? server, string? key) => name => name switch
    {
        ClientSettings.ServerVariable => server,
        ClientSettings.ApiKeyVariable => key,
        _ => null,
    };

    private Task WriteFileAsync() => new ClientFile("http://127.0.0.1:3003", "file-key").WriteAsync(_scratch.Path, default);

    [Fact]
    public async Task Resolve_FlagsBeatEnvironmentAndFile()
    {
        await WriteFileAsync();

        var settings = await ClientSettings.ResolveAsync("http://127.0.0.1:1001", "flag-key", _scratch.Path, Environment("http://127.0.0.1:2002", "env-key"), default);

        Assert.Equal(new ClientSettings(new Uri("http://127.0.0.1:1001"), "flag-key"), settings);
    }

    [Fact]
    public async Task Resolve_WithoutDataFlag_ReadsTheFileInTheFolderSuanwangDataNames()
    {
        await WriteFileAsync();

        var settings = await ClientSettings.ResolveAsync(null, null, null, name => name == DataFolder.EnvironmentVariable ? _scratch.Path : null, default);

        Assert.Equal(new ClientSettings(new Uri("http://127.0.0.1:3003"), "file-key"), settings);
    }

    [Fact]
    public void DataFolder_FlagBeatsSuanwangData_WhichBeatsTheHomeDefault()
    {
        var home = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), DataFolder.Name);

        Assert.Equal(Path.GetFullPath("/tmp/flag"), DataFolder.Resolve("/tmp/flag", "/tmp/env"));
        Assert.Equal(Path.GetFullPath("/tmp/env"), DataFolder.Resolve(null, "/tmp/env"));
        Assert.Equal(home, DataFolder.Resolve(" ", ""));
    }

    [Fact]
    public async Task Resolve_EnvironmentBeatsTheFile()
    {
        await WriteFileAsync();

        var settings = await ClientSettings.ResolveAsync(null, null, _scratch.Path, Environment("http://127.0.0.1:2002", "env-key"), default);

        Assert.Equal(new ClientSettings(new Uri("http://127.0.0.1:2002"), "env-key"), settings);
    }

    [Fact]
    public async Task Resolve_NothingElse_ReadsTheDataFoldersFile()
    {
        await WriteFileAsync();

        var settings = await ClientSettings.ResolveAsync(null, null, _scratch.Path, Environment(null, null), default);

        Assert.Equal(new ClientSettings(new Uri("http://127.0.0.1:3003"), "file-key"), settings);
    }

    [Fact]
    public async Task Resolve_EachSettingOnItsOwn_FlagServerWithTheFilesKey()
    {
        await WriteFileAsync();

        var settings = await ClientSettings.ResolveAsync("http://127.0.0.1:1001", null, _scratch.Path, Environment(null, null), default);

        Assert.Equal(new ClientSettings(new Uri("http://127.0.0.1:1001"), "file-key"), settings);
    }

    [Fact]
    public async Task Resolve_NoKeyAnywhere_IsAnInputError()
    {
        var error = await Assert.ThrowsAsync<InputException>(() => ClientSettings.ResolveAsync("http://127.0.0.1:1001", null, _scratch.Path, Environment(null, null), default));

        Assert.Equal("--api-key", error.Error.Field);
    }

    [Fact]
    public async Task ClientFile_IsReadableByItsOwnerOnly()
    {
        await WriteFileAsync();

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ClientFile.PathIn(_scratch.Path)));
        }
    }
}
