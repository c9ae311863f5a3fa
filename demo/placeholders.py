"""Generated stand-ins for behind-the-scenes photos in the demo: no network, no stock photos.
The page says each is a stand-in, in its caption (the picture carries no label). Films get no
generated backdrop: without a real image the site sets a typographic card.

Every image is drawn from a seeded random generator, so the same film and the
same palette always give byte-identical JPEG files. The loader writes them to
fixed names and overwrites, so repeated runs never pile up files.
"""

import io
import random

from PIL import Image, ImageDraw, ImageFilter

BTS_SIZE = (1200, 800)

def _rgb(hex_colour):
    hex_colour = hex_colour.lstrip("#")
    return tuple(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))


def _gradient(size, top, bottom, angle=0):
    """A smooth two-colour gradient, optionally tilted."""
    width, height = size
    diagonal = int((width**2 + height**2) ** 0.5) + 2
    mask = Image.linear_gradient("L").resize((diagonal, diagonal))
    if angle:
        mask = mask.rotate(angle, resample=Image.Resampling.BICUBIC)
    left = (diagonal - width) // 2
    upper = (diagonal - height) // 2
    mask = mask.crop((left, upper, left + width, upper + height))
    return Image.composite(Image.new("RGB", size, _rgb(bottom)), Image.new("RGB", size, _rgb(top)), mask)


def _glow(size, centre, radius, colour, strength):
    """A soft radial glow as an RGBA layer."""
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    x, y = centre
    r, g, b = _rgb(colour)
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(r, g, b, strength))
    return layer.filter(ImageFilter.GaussianBlur(radius // 2))


def _streaks(size, rng, colours, count, strength):
    """Long horizontal light trails, like passing street lights seen through glass."""
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    width, height = size
    for _ in range(count):
        r, g, b = _rgb(rng.choice(colours))
        y = rng.randint(int(height * 0.35), int(height * 0.95))
        x0 = rng.randint(-width // 4, width // 2)
        length = rng.randint(width // 5, width)
        thickness = rng.randint(2, 7)
        draw.rounded_rectangle(
            (x0, y, x0 + length, y + thickness), radius=thickness, fill=(r, g, b, rng.randint(strength // 2, strength))
        )
    return layer.filter(ImageFilter.GaussianBlur(3))


def _to_jpeg(image):
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()


def bts_jpeg(seed, palette, number):
    """A 1200x800 stand-in for a behind-the-scenes photo: a lit set seen from the dark."""
    rng = random.Random(f"bts:{seed}:{number}")
    size = BTS_SIZE
    width, height = size
    image = _gradient(size, palette["bottom"], palette["top"], angle=rng.randint(-30, 30)).convert("RGBA")
    # A key light somewhere off to the side.
    image.alpha_composite(
        _glow(size, (rng.randint(0, width), rng.randint(0, height // 2)), 260, palette["glow"], 110)
    )
    shapes = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(shapes)
    # Light stands and a monitor: simple silhouettes suggest a working set.
    for _ in range(rng.randint(2, 4)):
        x = rng.randint(60, width - 60)
        top = rng.randint(height // 5, height // 2)
        draw.line((x, top, x, height), fill=(0, 0, 0, 170), width=6)
        draw.polygon([(x - 40, top), (x + 40, top), (x + 24, top + 50), (x - 24, top + 50)], fill=(0, 0, 0, 190))
    mx, my = rng.randint(width // 5, width // 2), rng.randint(height // 2, height - 220)
    draw.rectangle((mx, my, mx + 260, my + 150), fill=(0, 0, 0, 200))
    r, g, b = _rgb(rng.choice(palette["accents"]))
    draw.rectangle((mx + 12, my + 12, mx + 248, my + 138), fill=(r, g, b, 140))
    draw.line((mx + 130, my + 150, mx + 130, height), fill=(0, 0, 0, 200), width=8)
    image.alpha_composite(shapes.filter(ImageFilter.GaussianBlur(2)))
    image.alpha_composite(_streaks(size, rng, palette["accents"], count=6, strength=90))
    return _to_jpeg(image)
