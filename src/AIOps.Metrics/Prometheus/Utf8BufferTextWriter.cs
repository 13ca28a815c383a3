using System.Buffers;
using System.Text;

namespace AIOps.Metrics.Prometheus;

/// <summary>A text writer that encodes straight into an <see cref="IBufferWriter{T}"/>, so a page needs no intermediate string.</summary>
internal sealed class Utf8BufferTextWriter(IBufferWriter<byte> output) : TextWriter
{
    private readonly Encoder _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Write([value]);

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(ReadOnlySpan<char> buffer) =>
        _encoder.Convert(buffer, output, flush: false, out _, out _);

    public override void Flush() =>
        _encoder.Convert([], output, flush: true, out _, out _);
}
