using System.Net;
using System.Net.Sockets;

namespace AIOps.Client;

/// <summary>Parses <c>host:port</c> gateway entries.</summary>
internal static class GatewayAddress
{
    public static bool TryParse(string value, out IPEndPoint endpoint)
    {
        endpoint = null!;
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), out var port) || port is < 1 or > 65535)
        {
            return false;
        }

        var host = value[..colon].Trim('[', ']');
        if (IPAddress.TryParse(host, out var address))
        {
            endpoint = new IPEndPoint(address, port);
            return true;
        }

        try
        {
            var resolved = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? Dns.GetHostAddresses(host).FirstOrDefault();
            if (resolved is null)
            {
                return false;
            }

            endpoint = new IPEndPoint(resolved, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
