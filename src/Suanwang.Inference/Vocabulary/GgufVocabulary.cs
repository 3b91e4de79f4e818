using System.Text;

namespace Suanwang.Inference.Vocabulary;

/// <summary>
/// A GGUF model's tokenizer as its file holds it (the <c>tokenizer.ggml.*</c> metadata): kind,
/// tokens, scores, token types, merges and the special-token flags, read without loading the
/// weights and refused past <see cref="MaxTokens"/> tokens or <see cref="MaxBytes"/> bytes of text.
/// </summary>
public sealed class GgufVocabulary
{
    /// <summary>Most tokens a vocabulary may have.</summary>
    public const int MaxTokens = 512 * 1024;

    /// <summary>Most UTF-8 bytes of token and merge text a vocabulary may hold.</summary>
    public const long MaxBytes = 32L * 1024 * 1024;

    private GgufVocabulary(string model, string pre, string[] tokens, float[] scores, int[] types, string[] merges, bool? addBos, bool? addEos, bool? addSpacePrefix)
    {
        Model = model;
        Pre = pre;
        Tokens = tokens;
        Scores = scores;
        TokenTypes = types;
        Merges = merges;
        AddBos = addBos ?? model == "llama";
        AddEos = addEos ?? false;
        AddSpacePrefix = addSpacePrefix ?? model == "llama";
    }

    /// <summary>llama.cpp's tokenizer kind: <c>llama</c> (SentencePiece), <c>gpt2</c> (byte-level BPE), ...</summary>
    public string Model { get; }

    /// <summary>The BPE pre-tokenizer's name (<c>tokenizer.ggml.pre</c>), empty when the file has none.</summary>
    public string Pre { get; }

    /// <summary>Token texts by id.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Token scores by id (SentencePiece merge priority); zeros when the file has none.</summary>
    public IReadOnlyList<float> Scores { get; }

    /// <summary>Token types by id (1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte); ones when the file has none.</summary>
    public IReadOnlyList<int> TokenTypes { get; }

    /// <summary>BPE merges in rank order ("a b"); empty for SentencePiece.</summary>
    public IReadOnlyList<string> Merges { get; }

    /// <summary>Whether a prompt starts with the BOS token.</summary>
    public bool AddBos { get; }

    /// <summary>Whether a prompt ends with the EOS token.</summary>
    public bool AddEos { get; }

    /// <summary>Whether SentencePiece text gets a leading space ("▁") when it starts a prompt or follows a special token.</summary>
    public bool AddSpacePrefix { get; }

    /// <summary>Reads the tokenizer of the GGUF file at <paramref name="path"/>; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static GgufVocabulary Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        return Read(reader, stream.Length);
    }

    private static GgufVocabulary Read(BinaryReader reader, long length)
    {
        if (length < 24 || reader.ReadUInt32() != 0x46554747)
        {
            throw new InvalidDataException("not a GGUF file");
        }

        var version = reader.ReadUInt32();
        if (version is < 2 or > 3)
        {
            throw new InvalidDataException($"GGUF version {version} is not 2 or 3");
        }

        _ = reader.ReadUInt64();
        var pairs = reader.ReadUInt64();
        var budget = new Budget(length);
        string? model = null;
        var pre = "";
        string[] tokens = [];
        float[]? scores = null;
        int[]? types = null;
        string[] merges = [];
        bool? addBos = null, addEos = null, addSpacePrefix = null;
        for (ulong i = 0; i < pairs; i++)
        {
            var key = ReadString(reader, budget, 1024);
            var type = (GgufType)reader.ReadUInt32();
            switch (key)
            {
                case "tokenizer.ggml.model":
                    model = Expect(key, type, GgufType.String) ? ReadString(reader, budget, 256) : "";
                    break;
                case "tokenizer.ggml.pre":
                    pre = Expect(key, type, GgufType.String) ? ReadString(reader, budget, 256) : "";
                    break;
                case "tokenizer.ggml.tokens":
                    tokens = ReadStrings(reader, key, type, budget);
                    break;
                case "tokenizer.ggml.merges":
                    merges = ReadStrings(reader, key, type, budget);
                    break;
                case "tokenizer.ggml.scores":
                    scores = ReadArray(reader, key, type, GgufType.Float32, r => r.ReadSingle());
                    break;
                case "tokenizer.ggml.token_type":
                    types = ReadArray(reader, key, type, GgufType.Int32, r => r.ReadInt32());
                    break;
                case "tokenizer.ggml.add_bos_token":
                    addBos = Expect(key, type, GgufType.Bool) && reader.ReadByte() != 0;
                    break;
                case "tokenizer.ggml.add_eos_token":
                    addEos = Expect(key, type, GgufType.Bool) && reader.ReadByte() != 0;
                    break;
                case "tokenizer.ggml.add_space_prefix":
                    addSpacePrefix = Expect(key, type, GgufType.Bool) && reader.ReadByte() != 0;
                    break;
                default:
                    Skip(reader, type, budget, depth: 0);
                    break;
            }
        }

        if (model is null || tokens.Length == 0)
        {
            throw new InvalidDataException("the file holds no tokenizer (tokenizer.ggml.model and tokenizer.ggml.tokens)");
        }

        if ((scores is not null && scores.Length != tokens.Length) || (types is not null && types.Length != tokens.Length))
        {
            throw new InvalidDataException("tokenizer.ggml.scores or tokenizer.ggml.token_type does not have one entry per token");
        }

        return new GgufVocabulary(model, pre, tokens, scores ?? new float[tokens.Length], types ?? Enumerable.Repeat(1, tokens.Length).ToArray(), merges, addBos, addEos, addSpacePrefix);
    }

    private static bool Expect(string key, GgufType type, GgufType expected) =>
        type == expected ? true : throw new InvalidDataException($"{key} is a {type}, not a {expected}");

    private static string[] ReadStrings(BinaryReader reader, string key, GgufType type, Budget budget)
    {
        Expect(key, type, GgufType.Array);
        var count = Count(reader, key, GgufType.String);
        var strings = new string[count];
        for (var i = 0; i < count; i++)
        {
            strings[i] = ReadString(reader, budget, MaxBytes);
        }

        return strings;
    }

    private static T[] ReadArray<T>(BinaryReader reader, string key, GgufType type, GgufType element, Func<BinaryReader, T> read)
    {
        Expect(key, type, GgufType.Array);
        var count = Count(reader, key, element);
        var values = new T[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = read(reader);
        }

        return values;
    }

    private static int Count(BinaryReader reader, string key, GgufType element)
    {
        var type = (GgufType)reader.ReadUInt32();
        if (type != element)
        {
            throw new InvalidDataException($"{key} holds {type} values, not {element}");
        }

        var count = reader.ReadUInt64();
        return count > MaxTokens ? throw new InvalidDataException($"{key} has {count} entries; at most {MaxTokens} are read") : (int)count;
    }

    private static string ReadString(BinaryReader reader, Budget budget, long max)
    {
        var length = reader.ReadUInt64();
        if (length > (ulong)max)
        {
            throw new InvalidDataException($"a string of {length} bytes is longer than the {max} allowed");
        }

        budget.Spend((long)length);
        return Encoding.UTF8.GetString(reader.ReadBytes((int)length));
    }

    // Values of keys the tokenizer does not use are skipped without keeping them.
    private static void Skip(BinaryReader reader, GgufType type, Budget budget, int depth)
    {
        switch (type)
        {
            case GgufType.UInt8 or GgufType.Int8 or GgufType.Bool:
                reader.BaseStream.Seek(1, SeekOrigin.Current);
                break;
            case GgufType.UInt16 or GgufType.Int16:
                reader.BaseStream.Seek(2, SeekOrigin.Current);
                break;
            case GgufType.UInt32 or GgufType.Int32 or GgufType.Float32:
                reader.BaseStream.Seek(4, SeekOrigin.Current);
                break;
            case GgufType.UInt64 or GgufType.Int64 or GgufType.Float64:
                reader.BaseStream.Seek(8, SeekOrigin.Current);
                break;
            case GgufType.String:
                var length = reader.ReadUInt64();
                budget.Skip(length);
                reader.BaseStream.Seek((long)length, SeekOrigin.Current);
                break;
            case GgufType.Array when depth < 4:
                var element = (GgufType)reader.ReadUInt32();
                var count = reader.ReadUInt64();

                // Every element takes at least a byte: a count past the file's length is refused before it is multiplied.
                budget.Skip(count);
                if (element is not (GgufType.String or GgufType.Array))
                {
                    var size = element switch
                    {
                        GgufType.UInt8 or GgufType.Int8 or GgufType.Bool => 1UL,
                        GgufType.UInt16 or GgufType.Int16 => 2UL,
                        GgufType.UInt32 or GgufType.Int32 or GgufType.Float32 => 4UL,
                        GgufType.UInt64 or GgufType.Int64 or GgufType.Float64 => 8UL,
                        _ => throw new InvalidDataException($"unknown GGUF value type {(int)element}"),
                    };
                    budget.Skip(count * size);
                    reader.BaseStream.Seek((long)(count * size), SeekOrigin.Current);
                    break;
                }

                for (ulong i = 0; i < count; i++)
                {
                    Skip(reader, element, budget, depth + 1);
                }

                break;
            default:
                throw new InvalidDataException($"unknown GGUF value type {(int)type}");
        }
    }

    // Bounds what is read (the tokenizer's text) and what is skipped (never past the file's end).
    private sealed class Budget(long fileLength)
    {
        private long _text;

        public void Spend(long bytes)
        {
            _text += bytes;
            if (_text > MaxBytes)
            {
                throw new InvalidDataException($"the tokenizer holds more than {MaxBytes} bytes of text");
            }
        }

        public void Skip(ulong bytes)
        {
            if (bytes > (ulong)fileLength)
            {
                throw new InvalidDataException("the metadata runs past the end of the file");
            }
        }
    }
}
