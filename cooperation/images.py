"""Uploaded images: real images of an allowed type and size, checked on the server."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
MAX_BYTES = 2 * 1024 * 1024


def validate_image_upload(file):
    """A JPEG, PNG or WebP image of at most 2 MB that Pillow can read whole."""
    try:
        size = file.size
    except OSError as error:  # a stored file that has gone missing
        raise ValidationError(_("The image file cannot be read."), code="invalid_image") from error
    if size > MAX_BYTES:
        raise ValidationError(_("The image is larger than 2 MB."), code="image_too_large")
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            image.verify()  # reads the whole file: truncated or corrupt images fail here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("The file is not an image, or it is damaged."), code="invalid_image"
        ) from error
    finally:
        file.seek(position)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Upload a JPEG, PNG or WebP image (this one is %(format)s)."),
            code="image_format",
            params={"format": image_format},
        )
