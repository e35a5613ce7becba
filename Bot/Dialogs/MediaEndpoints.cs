using Communaute.Bot.Security;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Dialogs;

/// <summary>GET /media/{id}.{ext}: charts and exports, by their random id, through a signed link that expires (<see cref="SignedLinks"/>).</summary>
public static class MediaEndpoints
{
    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder app)
    {
        app.MapGet("/media/{file}", async (string file, HttpContext http, BotDbContext db, CancellationToken ct) =>
        {
            var dot = file.LastIndexOf('.');
            if (dot <= 0 || file.Length > 80) return Results.NotFound();
            var id = file[..dot];
            var extension = file[(dot + 1)..];
            var media = await db.Set<MediaFile>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.Extension == extension, ct);
            if (media is null) return Results.NotFound();
            // Personal files: kept by the reader's browser only, never by a shared cache.
            http.Response.Headers.CacheControl = "private, max-age=3600";
            return Results.File(media.Content, media.ContentType, fileDownloadName: extension == "png" ? null : $"communaute-{id[..Math.Min(8, id.Length)]}.{extension}");
        }).RequireSignedLink();
        return app;
    }

    /// <summary>The path of a file, to sign with <see cref="SignedLinks.Create"/>.</summary>
    public static string PathOf(string mediaId, string extension) => $"/media/{mediaId}.{extension}";
}
