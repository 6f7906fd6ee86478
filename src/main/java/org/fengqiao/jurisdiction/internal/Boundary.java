package org.fengqiao.jurisdiction.internal;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/**
 * A grid boundary: a Polygon or MultiPolygon in WGS84 longitude/latitude, read from and written
 * to GeoJSON, with its area in square metres.
 */
public record Boundary(Geometry geometry) {

    public static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);
    private static final double METRES_PER_DEGREE_LAT = 110_574.0;
    private static final double METRES_PER_DEGREE_LON_AT_EQUATOR = 111_320.0;

    public static Boundary parse(String geoJsonGeometry) throws ParseException {
        Geometry g = new GeoJsonReader(GEOMETRY).read(geoJsonGeometry);
        return new Boundary(g);
    }

    public String toGeoJson() {
        GeoJsonWriter writer = new GeoJsonWriter(7);
        writer.setEncodeCRS(false);
        return writer.write(geometry);
    }

    public Envelope envelope() {
        return geometry.getEnvelopeInternal();
    }

    /** Area in square metres, by a local equirectangular projection: good to a fraction of a percent at grid size. */
    public double areaSquareMetres() {
        return squareMetres(geometry.getArea(), envelope().centre().y);
    }

    public static double squareMetres(double squareDegrees, double latitude) {
        return squareDegrees * METRES_PER_DEGREE_LAT * METRES_PER_DEGREE_LON_AT_EQUATOR * Math.cos(Math.toRadians(latitude));
    }
}
