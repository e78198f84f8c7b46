namespace ImageUpdater.Registry.Http;

/// <summary>
/// A response body already read within its cap; <see cref="Bytes"/> hands the array on without the copy that
/// <see cref="HttpContent.ReadAsByteArrayAsync()"/> would make.
/// </summary>
internal sealed class BufferedContent(byte[] bytes) : ByteArrayContent(bytes)
{
    public byte[] Bytes { get; } = bytes;
}
