"""The comparison engine. Nothing in this package may import Textual or Rich."""
