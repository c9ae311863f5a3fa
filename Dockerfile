FROM python:3.13-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
# GNU gettext compiles the French catalogue (the .mo files are built, never committed).
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
COPY . .
RUN pip install --no-cache-dir .
RUN DEBUG=off SECRET_KEY=build-only ALLOWED_HOSTS=localhost python manage.py compilemessages --verbosity 0 \
    && DEBUG=off SECRET_KEY=build-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput
EXPOSE 8000
# One container on its own: migrate, then serve. docker compose runs the migrations once in its
# `migrate` service instead, and gives web and worker their own commands.
CMD ["sh", "-c", "python manage.py migrate --noinput && gunicorn -c gunicorn.conf.py cinemaone.wsgi"]
